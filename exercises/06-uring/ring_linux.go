//go:build exercises && linux

// This file is final/uring/ring_linux.go unchanged but for its build tag.

package uring

import (
	"errors"
	"fmt"
	"os"
	"sync/atomic"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// ANCHOR: layouts

// params is struct io_uring_params: what io_uring_setup is asked for
// and what it answers, among it where each field of the two rings lies
// in the memory the process maps.
type params struct {
	sqEntries, cqEntries      uint32
	flags                     uint32
	sqThreadCPU, sqThreadIdle uint32
	features                  uint32
	wqFd                      uint32
	resv                      [3]uint32
	sqOff                     sqringOffsets
	cqOff                     cqringOffsets
}

// sqringOffsets is struct io_sqring_offsets.
type sqringOffsets struct {
	head, tail, ringMask, ringEntries, flags, dropped, array, resv1 uint32
	userAddr                                                        uint64
}

// cqringOffsets is struct io_cqring_offsets.
type cqringOffsets struct {
	head, tail, ringMask, ringEntries, overflow, cqes, flags, resv1 uint32
	userAddr                                                        uint64
}

// sqe is struct io_uring_sqe, 64 bytes: one request. Its unions are
// given the one name this package uses.
type sqe struct {
	opcode      uint8
	flags       uint8
	ioprio      uint16
	fd          int32  // the file, or a fixed-file slot with sqeFixedFile
	off         uint64 // the file offset
	addr        uint64 // the buffer, or the path
	len         uint32 // the buffer's length, or the mode of an open
	opFlags     uint32 // open_flags, rw_flags...
	userData    uint64 // comes back in the completion
	bufIndex    uint16
	personality uint16
	fileIndex   uint32 // open and close: a fixed-file slot + 1 (0: none)
	addr3       uint64
	pad2        uint64
}

// cqe is struct io_uring_cqe, 16 bytes: one completion. res is what the
// system call would have returned, or -errno.
type cqe struct {
	userData uint64
	res      int32
	flags    uint32
}

// ANCHOR_END: layouts

// The constants of <linux/io_uring.h> that this package uses.
const (
	opOpenat = 18 // IORING_OP_OPENAT
	opClose  = 19 // IORING_OP_CLOSE
	opRead   = 22 // IORING_OP_READ

	sqeFixedFile  = 1 << 0 // IOSQE_FIXED_FILE: fd is a slot of the ring's file table
	sqeIOLink     = 1 << 2 // IOSQE_IO_LINK: the next entry waits for this one, and is cancelled if it fails
	sqeIOHardlink = 1 << 3 // IOSQE_IO_HARDLINK: the next entry waits for this one, whatever its result

	setupCQSize    = 1 << 3 // IORING_SETUP_CQSIZE
	setupSubmitAll = 1 << 7 // IORING_SETUP_SUBMIT_ALL: a failing entry does not stop the submission of the rest

	featSingleMmap = 1 << 0 // IORING_FEAT_SINGLE_MMAP
	featNoDrop     = 1 << 1 // IORING_FEAT_NODROP: completions are never dropped

	enterGetEvents = 1 << 0 // IORING_ENTER_GETEVENTS
	enterExtArg    = 1 << 3 // IORING_ENTER_EXT_ARG

	registerFiles   = 2 // IORING_REGISTER_FILES
	registerEventfd = 4 // IORING_REGISTER_EVENTFD

	offSQRing = 0          // IORING_OFF_SQ_RING
	offSQEs   = 0x10000000 // IORING_OFF_SQES
)

// ANCHOR: ring

// Ring is one io_uring instance with a table of fixed-file slots and a
// buffer per slot. It is not safe for concurrent use: one thread (the
// loop thread) queues, submits and reaps.
type Ring struct {
	fd             int
	ringMem, sqMem []byte // the two mappings: the rings, and the entries

	// The submission queue: the kernel moves head, we move tail.
	sqHead, sqTail *uint32
	sqMask         uint32
	sqes           []sqe
	tail           uint32 // our tail, published to *sqTail by Submit
	// The completion queue: the kernel moves tail, we move head.
	cqHead, cqTail *uint32
	cqMask         uint32
	cqes           []cqe

	files // the file reads: slots, requests, the wait for a slot
}

// ANCHOR_END: ring

// ANCHOR: setup

// New sets up a ring with room for entries submissions (rounded up to
// a power of two by the kernel) and a table of slots fixed files, each
// with a buffer of BufSize bytes. At most slots reads are in flight; the
// others wait for a slot, in order. The completion queue holds four
// entries per slot (and at least twice the submission queue), more than
// the reads in flight can ever post, so no
// completion has to wait for room. An error that wraps ErrUnavailable
// means the system refuses io_uring.
func New(entries, slots int) (*Ring, error) {
	if entries < 4 || slots < 1 {
		return nil, fmt.Errorf("uring: %d entries, %d slots: want at least 4 and 1", entries, slots)
	}
	p := params{flags: setupCQSize | setupSubmitAll, cqEntries: uint32(max(4*slots, 2*entries))}
	fd, _, errno := unix.Syscall(unix.SYS_IO_URING_SETUP, uintptr(entries), uintptr(unsafe.Pointer(&p)), 0)
	if errno != 0 {
		err := os.NewSyscallError("io_uring_setup", errno)
		if errno == unix.ENOSYS || errno == unix.EPERM || errno == unix.EACCES {
			return nil, fmt.Errorf("%w: %w", ErrUnavailable, err)
		}
		return nil, err
	}
	r := &Ring{fd: int(fd)}
	if p.features&featSingleMmap == 0 || p.features&featNoDrop == 0 {
		r.Close()
		return nil, fmt.Errorf("%w: kernel too old (features %#x; want one mapping and no dropped completions, Linux 5.5+)", ErrUnavailable, p.features)
	}
	if err := r.mapRings(&p); err != nil {
		r.Close()
		return nil, err
	}
	if err := r.registerSlots(slots); err != nil {
		r.Close()
		return nil, err
	}
	return r, nil
}

// mapRings maps the rings (one mapping holds both) and the array of
// entries, and finds each field the kernel's offsets point at.
func (r *Ring) mapRings(p *params) error {
	size := max(p.sqOff.array+p.sqEntries*4, p.cqOff.cqes+p.cqEntries*uint32(unsafe.Sizeof(cqe{})))
	mem, err := unix.Mmap(r.fd, offSQRing, int(size), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED|unix.MAP_POPULATE)
	if err != nil {
		return os.NewSyscallError("mmap", err)
	}
	r.ringMem = mem
	sq, err := unix.Mmap(r.fd, offSQEs, int(p.sqEntries)*int(unsafe.Sizeof(sqe{})), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED|unix.MAP_POPULATE)
	if err != nil {
		return os.NewSyscallError("mmap", err)
	}
	r.sqMem = sq
	u32 := func(off uint32) *uint32 { return (*uint32)(unsafe.Pointer(&mem[off])) }
	r.sqHead, r.sqTail, r.sqMask = u32(p.sqOff.head), u32(p.sqOff.tail), *u32(p.sqOff.ringMask)
	r.cqHead, r.cqTail, r.cqMask = u32(p.cqOff.head), u32(p.cqOff.tail), *u32(p.cqOff.ringMask)
	r.sqes = unsafe.Slice((*sqe)(unsafe.Pointer(&sq[0])), p.sqEntries)
	r.cqes = unsafe.Slice((*cqe)(unsafe.Pointer(&mem[p.cqOff.cqes])), p.cqEntries)
	// The indirection array: entry i of the ring is sqes[i], always.
	array := unsafe.Slice(u32(p.sqOff.array), p.sqEntries)
	for i := range array {
		array[i] = uint32(i)
	}
	r.tail = atomic.LoadUint32(r.sqTail)
	return nil
}

// ANCHOR_END: setup

// Fd returns the ring's descriptor (close-on-exec, as io_uring_setup
// makes it).
func (r *Ring) Fd() int { return r.fd }

// RegisterEventfd has the kernel signal the eventfd fd each time it
// posts a completion (IORING_REGISTER_EVENTFD): an event queue watching
// fd then wakes for completions as for any other event. Every
// completion signals, also one posted while io_uring_enter runs: a
// completion driven by readiness (a pipe's read) is posted by the
// submitting thread itself, on its way back from the kernel, and only
// the signal says it is there.
func (r *Ring) RegisterEventfd(fd int) error {
	efd := int32(fd)
	return r.register(registerEventfd, unsafe.Pointer(&efd), 1)
}

func (r *Ring) register(op uintptr, arg unsafe.Pointer, n int) error {
	_, _, errno := unix.Syscall6(unix.SYS_IO_URING_REGISTER, uintptr(r.fd), op, uintptr(arg), uintptr(n), 0, 0)
	if errno != 0 {
		return os.NewSyscallError("io_uring_register", errno)
	}
	return nil
}

// ANCHOR: getsqe

// getSQE returns the next free submission entry, cleared, or nil when
// the queue is full. The entry is the kernel's once Submit publishes it.
func (r *Ring) getSQE() *sqe {
	if r.tail-atomic.LoadUint32(r.sqHead) >= uint32(len(r.sqes)) {
		return nil
	}
	e := &r.sqes[r.tail&r.sqMask]
	*e = sqe{}
	r.tail++
	return e
}

// Queued returns how many entries are queued for the next Submit.
func (r *Ring) Queued() int { return int(r.tail - atomic.LoadUint32(r.sqHead)) }

// free returns how many submission entries are free.
func (r *Ring) free() uint32 { return uint32(len(r.sqes)) - (r.tail - atomic.LoadUint32(r.sqHead)) }

// ANCHOR_END: getsqe

// ANCHOR: submit

// Submit publishes the entries queued since the last Submit and hands
// them to the kernel with one io_uring_enter. With wait it also waits
// until at least one completion is there to reap, or timeout passes (a
// negative timeout waits for ever). A signal that interrupts the wait is
// not an error: the caller reaps what is there and decides again.
func (r *Ring) Submit(wait bool, timeout time.Duration) error {
	atomic.StoreUint32(r.sqTail, r.tail) // the entries are written; publish them
	toSubmit := r.tail - atomic.LoadUint32(r.sqHead)
	if toSubmit == 0 && !wait {
		return nil
	}
	var flags, minComplete uintptr
	var arg unsafe.Pointer
	var argSize uintptr
	var getevents struct {
		sigmask   uint64
		sigmaskSz uint32
		minWait   uint32
		ts        uint64
	}
	var ts unix.Timespec
	if wait {
		flags, minComplete = enterGetEvents, 1
		if timeout >= 0 {
			ts = unix.NsecToTimespec(int64(timeout))
			getevents.ts = uint64(uintptr(unsafe.Pointer(&ts)))
			flags |= enterExtArg
			arg, argSize = unsafe.Pointer(&getevents), unsafe.Sizeof(getevents)
		}
	}
	for {
		_, _, errno := unix.Syscall6(unix.SYS_IO_URING_ENTER, uintptr(r.fd), uintptr(toSubmit), minComplete, flags, uintptr(arg), argSize)
		switch errno {
		case 0, unix.ETIME, unix.EINTR:
			return nil
		case unix.EAGAIN, unix.EBUSY:
			// The kernel is short of memory or completions wait for room
			// (which the completion queue's size rules out): try again.
			continue
		}
		return os.NewSyscallError("io_uring_enter", errno)
	}
}

// ANCHOR_END: submit

// ANCHOR: reapcqe

// Ready reports whether completions wait to be reaped: a look at two
// counters in shared memory, no system call.
func (r *Ring) Ready() bool {
	return len(r.early) > 0 || atomic.LoadUint32(r.cqTail) != atomic.LoadUint32(r.cqHead)
}

// nextCQE takes the oldest completion off the queue, if there is one.
func (r *Ring) nextCQE() (cqe, bool) {
	head := atomic.LoadUint32(r.cqHead)
	if head == atomic.LoadUint32(r.cqTail) { // the load pairs with the kernel's store
		return cqe{}, false
	}
	c := r.cqes[head&r.cqMask]
	atomic.StoreUint32(r.cqHead, head+1) // the entry is copied; the kernel may reuse it
	return c, true
}

// ANCHOR_END: reapcqe

// Close unmaps the rings and closes the ring, which closes every file
// still in a slot. Reads in flight are abandoned: their completions are
// never reaped.
func (r *Ring) Close() error {
	var err error
	for _, m := range [][]byte{r.sqMem, r.ringMem} {
		if m != nil {
			err = errors.Join(err, os.NewSyscallError("munmap", unix.Munmap(m)))
		}
	}
	r.sqMem, r.ringMem = nil, nil
	if r.fd >= 0 {
		err = errors.Join(err, os.NewSyscallError("close", unix.Close(r.fd)))
		r.fd = -1
	}
	return err
}
