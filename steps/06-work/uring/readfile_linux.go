//go:build linux

package uring

import (
	"os"
	"unsafe"

	"golang.org/x/sys/unix"
)

// BufSize is the size of each slot's buffer, the most one read takes. A
// file that fills it is read on, from where the read stopped, with
// another open, read and close, until a read comes back short.
const BufSize = 64 << 10

// The steps of a read, kept in the low bits of each entry's user data;
// the request's index is in the others.
const (
	stepOpen = iota
	stepRead
	stepClose
	stepLoneClose // a close on its own, for a slot whose linked close did not run
	stepBits      = 2
)

// request is one ReadFile: the path (NUL-terminated, kept here until the
// kernel has read it), the data so far, and what the current chain of
// entries has brought back.
type request struct {
	id       int
	path     []byte
	data     []byte
	slot     int32
	pending  int   // completions of the current chain still to come
	opened   bool  // the current chain's open succeeded
	closed   bool  // the current chain's close ran
	lastRead int32 // what its read returned
	err      error
}

// files is the file-reading half of a Ring.
type files struct {
	slots   []int32  // free slots, a stack
	bufs    [][]byte // one buffer per slot
	reqs    []*request
	freeIdx []int      // indexes in reqs free for reuse
	waiting []*request // reads with no slot yet, oldest first
	early   []int      // requests that failed before the kernel saw them, to report
	flushes int        // how many times a full submission queue was submitted early (for tests)
}

// registerSlots registers a table of n empty fixed-file slots (-1 in
// each) and allocates their buffers.
func (r *Ring) registerSlots(n int) error {
	table := make([]int32, n)
	for i := range table {
		table[i] = -1
	}
	if err := r.register(registerFiles, unsafe.Pointer(&table[0]), n); err != nil {
		return err
	}
	r.slots = make([]int32, n)
	r.bufs = make([][]byte, n)
	for i := range n {
		r.slots[i] = int32(n - 1 - i) // slot 0 on top
		r.bufs[i] = make([]byte, BufSize)
	}
	return nil
}

// ANCHOR: readfile

// ReadFile queues a read of the whole file at path; Reap reports it,
// with id, once it is done. It never blocks and never drops the read:
// with no free slot the read waits for one, and with the submission
// queue full, what is queued is submitted first to make room. Its
// errors come back through Reap.
func (r *Ring) ReadFile(path string, id int) {
	q := &request{id: id, path: append([]byte(path), 0)}
	if len(r.slots) == 0 {
		r.waiting = append(r.waiting, q)
		return
	}
	q.slot = r.slots[len(r.slots)-1]
	r.slots = r.slots[:len(r.slots)-1]
	r.start(r.index(q))
}

// start queues the three linked entries of q's next read: open the file
// into q's slot, read from the slot at the offset reached so far, close
// the slot. The read is hard-linked to the close, so the slot is closed
// whatever the read returns; the open is linked to the read, so a failed
// open cancels both.
func (r *Ring) start(idx int) {
	q := r.reqs[idx]
	if r.free() < 3 { // the three must go in one submission, or the link breaks
		r.flushes++
		if err := r.Submit(false, 0); err != nil || r.free() < 3 {
			q.err = &os.PathError{Op: "io_uring_enter", Path: string(q.path[:len(q.path)-1]), Err: err}
			r.failEarly(idx)
			return
		}
	}
	slot := uint32(q.slot)
	buf := r.bufs[q.slot]
	q.pending, q.opened, q.closed, q.lastRead = 3, false, false, 0

	open := r.getSQE()
	open.opcode, open.flags = opOpenat, sqeIOLink
	open.fd = unix.AT_FDCWD
	open.addr = uint64(uintptr(unsafe.Pointer(&q.path[0])))
	open.opFlags = unix.O_RDONLY // no O_CLOEXEC: a slot is not in the process's table, so exec cannot inherit it
	open.fileIndex = slot + 1
	open.userData = userData(idx, stepOpen)

	read := r.getSQE()
	read.opcode, read.flags = opRead, sqeFixedFile|sqeIOHardlink
	read.fd = int32(slot)
	read.addr = uint64(uintptr(unsafe.Pointer(&buf[0])))
	read.len = uint32(len(buf))
	read.off = uint64(len(q.data))
	read.userData = userData(idx, stepRead)

	cl := r.getSQE()
	cl.opcode = opClose
	cl.fileIndex = slot + 1
	cl.userData = userData(idx, stepClose)
}

// ANCHOR_END: readfile

// index gives q a place in r.reqs, whose index its entries carry.
func (r *Ring) index(q *request) int {
	if n := len(r.freeIdx); n > 0 {
		idx := r.freeIdx[n-1]
		r.freeIdx = r.freeIdx[:n-1]
		r.reqs[idx] = q
		return idx
	}
	r.reqs = append(r.reqs, q)
	return len(r.reqs) - 1
}

func userData(idx, step int) uint64 { return uint64(idx)<<stepBits | uint64(step) }

// failEarly ends a request that could not be submitted: it is reported
// by the next Reap, as if the kernel had failed it.
func (r *Ring) failEarly(idx int) {
	r.reqs[idx].pending = 0
	r.reqs[idx].closed = true
	r.early = append(r.early, idx)
}

// ANCHOR: reap

// Reap takes every completion there is, without a system call, and
// calls f for each read that has finished, in the order they finish.
// f may call ReadFile. It returns how many reads it reported.
func (r *Ring) Reap(f func(Done)) int {
	n := 0
	for len(r.early) > 0 {
		idx := r.early[0]
		r.early = r.early[1:]
		r.finish(idx, f)
		n++
	}
	for {
		c, ok := r.nextCQE()
		if !ok {
			return n
		}
		idx, step := int(c.userData>>stepBits), int(c.userData&(1<<stepBits-1))
		q := r.reqs[idx]
		switch step {
		case stepOpen:
			q.opened = c.res >= 0
			q.fail("open", c.res)
		case stepRead:
			q.lastRead = c.res
			if c.res > 0 && (len(q.data) > 0 || c.res == BufSize) {
				q.data = append(q.data, r.bufs[q.slot][:c.res]...)
			} // else the data stays in the slot's buffer until f has seen it
			q.fail("read", c.res)
		case stepClose:
			q.closed = c.res >= 0 || !q.opened
			if c.res != -int32(unix.ECANCELED) { // cancelled: closeSlot closes it below
				q.fail("close", c.res)
			}
		case stepLoneClose:
			q.closed = true
		}
		q.pending--
		if q.pending > 0 {
			continue
		}
		switch {
		case !q.closed:
			// The slot still holds the file: close it on its own, and
			// finish when that close is done.
			r.closeSlot(idx)
		case q.err == nil && q.lastRead == BufSize:
			r.start(idx) // the buffer is full: read on from where it stopped
		default:
			r.finish(idx, f)
			n++
		}
	}
}

// ANCHOR_END: reap

// fail records the error of a step that failed, unless an earlier step
// already failed (the later ones are then cancelled: ECANCELED).
func (q *request) fail(op string, res int32) {
	if res < 0 && q.err == nil {
		q.err = &os.PathError{Op: op, Path: string(q.path[:len(q.path)-1]), Err: unix.Errno(-res)}
	}
}

// closeSlot queues a close of q's slot on its own.
func (r *Ring) closeSlot(idx int) {
	if r.free() < 1 {
		r.flushes++
		r.Submit(false, 0)
	}
	cl := r.getSQE()
	if cl == nil {
		r.early = append(r.early, idx) // cannot happen after a submit; give the slot up rather than hang
		r.reqs[idx].closed = true
		return
	}
	cl.opcode = opClose
	cl.fileIndex = uint32(r.reqs[idx].slot) + 1
	cl.userData = userData(idx, stepLoneClose)
	r.reqs[idx].pending = 1
}

// finish reports q, then frees its slot and index and gives the slot to
// the oldest read waiting for one. A file that took one read is handed
// to f in the slot's buffer, which is why the slot is freed only after
// f has returned (or panicked).
func (r *Ring) finish(idx int, f func(Done)) {
	q := r.reqs[idx]
	defer r.release(idx, q.slot)
	d := Done{ID: q.id, Err: q.err}
	switch {
	case q.err != nil:
	case len(q.data) > 0:
		d.Data = q.data
	default:
		d.Data = r.bufs[q.slot][:max(q.lastRead, 0)]
	}
	f(d)
}

// release frees a finished request's index and slot, and starts the
// oldest read waiting for a slot.
func (r *Ring) release(idx int, slot int32) {
	r.reqs[idx] = nil
	r.freeIdx = append(r.freeIdx, idx)
	r.slots = append(r.slots, slot)
	if len(r.waiting) > 0 {
		next := r.waiting[0]
		r.waiting = r.waiting[1:]
		next.slot = r.slots[len(r.slots)-1]
		r.slots = r.slots[:len(r.slots)-1]
		r.start(r.index(next))
	}
}

// InFlight returns how many reads are queued and not yet reported.
func (r *Ring) InFlight() int {
	return len(r.reqs) - len(r.freeIdx) + len(r.waiting)
}
