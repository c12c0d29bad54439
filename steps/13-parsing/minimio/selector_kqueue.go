//go:build darwin || dragonfly || freebsd || netbsd || openbsd

package minimio

import (
	"errors"
	"os"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

// ANCHOR: selector

// selector is the kqueue backend for macOS and the BSDs: a kqueue plus a
// non-blocking pipe that wakes it (a pipe rather than EVFILT_USER, which
// OpenBSD before 7.8 and NetBSD before 10 lack: one wake for every BSD).
type selector struct {
	kq    int
	wakeR int // read end of the wake pipe, registered with the kqueue
	wakeW int // write end: Close writes one byte here
	// Each event carries its registration in the kernel, in udata, as
	// epoll carries the token: a map from descriptor to token, looked up
	// after kevent returns, would label an event for a descriptor closed
	// meanwhile with the token of a new registration that got the same
	// number. udata is a pointer on most of these systems, and Go's
	// garbage collector must never find an integer there, so it points to
	// a registration, which the selector keeps reachable for as long as
	// the kernel may hand it back.
	mu      sync.Mutex
	regs    map[filterKey]*registration // guarded by mu: each filter's latest registration
	retired []*registration             // guarded by mu: replaced since the last wait began
	udata   udataIndex                  // guarded by mu
	buf     []unix.Kevent_t             // used only by the goroutine that waits
	woke    bool                        // the last wait drained the pipe; used only by the goroutine that waits
}

// filterKey names one filter of one descriptor: a kqueue keeps one event
// for each pair.
type filterKey struct{ fd, filter int }

// registration is what a kevent's udata refers to: the token of the
// Register call that set the filter. A replaced registration is kept
// until the next wait begins: a kevent already under way may still
// return it (see retire).
type registration struct {
	token Token
	id    int64 // NetBSD only: the udata that names it (see udataIndex)
}

// ANCHOR_END: selector

// ANCHOR: new

func newSelector() (*selector, error) {
	// x/sys has no kqueue1, and macOS no pipe2, so close-on-exec is set
	// afterwards, under syscall.ForkLock as Go's os does: no fork in
	// another goroutine sees the descriptors without it.
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	kq, err := unix.Kqueue()
	if err != nil {
		return nil, os.NewSyscallError("kqueue", err)
	}
	unix.CloseOnExec(kq)
	var p [2]int
	if err := unix.Pipe(p[:]); err != nil {
		unix.Close(kq)
		return nil, os.NewSyscallError("pipe", err)
	}
	s := &selector{kq: kq, wakeR: p[0], wakeW: p[1], regs: make(map[filterKey]*registration)}
	unix.CloseOnExec(s.wakeR)
	unix.CloseOnExec(s.wakeW)
	// Both ends are non-blocking: a wake into a full pipe must not
	// block (the pipe being full means a wake is pending anyway), and
	// draining stops at the first read that finds the pipe empty.
	for _, fd := range p {
		if err := unix.SetNonblock(fd, true); err != nil {
			s.close()
			return nil, os.NewSyscallError("fcntl", err)
		}
	}
	// The read end is level-triggered: readable while a byte is in the
	// pipe. wait reads the pipe empty after it fires.
	var ev unix.Kevent_t
	unix.SetKevent(&ev, s.wakeR, unix.EVFILT_READ, unix.EV_ADD|unix.EV_ENABLE)
	if err := s.change(&ev); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

// ANCHOR_END: new

// ANCHOR: change

// change applies one change to the kqueue. With no event list, kevent
// reports a failing change as the call's own error.
func (s *selector) change(ev *unix.Kevent_t) error {
	for {
		_, err := unix.Kevent(s.kq, []unix.Kevent_t{*ev}, nil, nil)
		if !errors.Is(err, unix.EINTR) {
			return os.NewSyscallError("kevent", err)
		}
	}
}

// ANCHOR_END: change

// ANCHOR: register

// register sets both filters of src in one kevent call: EV_ADD for each
// interest asked for (EVFILT_READ for Readable, EVFILT_WRITE for
// Writable), level-triggered, and EV_DELETE for the other. EV_RECEIPT
// makes kevent return one record per change, whose data is that change's
// error, as mio does; ENOENT, deleting a filter that was not set, is not
// one. It holds mu throughout, so that the kernel never holds a
// registration the selector has let go of.
func (s *selector) register(src Source, token Token, interests Interests) error {
	fd, in := unixFd(src)
	s.mu.Lock()
	defer s.mu.Unlock()
	var changes [2]unix.Kevent_t
	var regs [2]*registration
	for i, filter := range [2]int{unix.EVFILT_READ, unix.EVFILT_WRITE} {
		wanted := filter == unix.EVFILT_READ && interests.IsReadable() ||
			filter == unix.EVFILT_WRITE && interests.IsWritable()
		if !wanted {
			unix.SetKevent(&changes[i], fd, filter, unix.EV_DELETE|evReceipt)
			continue
		}
		r := s.regs[filterKey{fd, filter}]
		if r == nil || r.token != token {
			r = &registration{token: token}
		}
		regs[i] = r
		unix.SetKevent(&changes[i], fd, filter, unix.EV_ADD|unix.EV_ENABLE|evReceipt)
		s.udata.set(&changes[i], r)
	}
	err := s.apply(changes[:])
	for i, filter := range [2]int{unix.EVFILT_READ, unix.EVFILT_WRITE} {
		key := filterKey{fd, filter}
		old := s.regs[key]
		switch r := regs[i]; {
		case r == old:
		case err != nil && r != nil:
			s.udata.drop(r)
		default: // replaced, deleted or added
			if r == nil {
				delete(s.regs, key)
			} else {
				s.regs[key] = r
			}
			if old != nil {
				s.retired = append(s.retired, old)
			}
		}
	}
	if err == nil {
		*in = true
	}
	return err
}

// deregister deletes both filters of src.
func (s *selector) deregister(src Source) error {
	fd, in := unixFd(src)
	*in = false
	s.mu.Lock()
	defer s.mu.Unlock()
	var changes [2]unix.Kevent_t
	for i, filter := range [2]int{unix.EVFILT_READ, unix.EVFILT_WRITE} {
		unix.SetKevent(&changes[i], fd, filter, unix.EV_DELETE|evReceipt)
		if old := s.regs[filterKey{fd, filter}]; old != nil {
			delete(s.regs, filterKey{fd, filter})
			s.retired = append(s.retired, old)
		}
	}
	return s.apply(changes[:])
}

// apply makes the changes, all flagged EV_RECEIPT, in one kevent call and
// returns the first change's error other than ENOENT. EINTR means the
// changes were applied (FreeBSD's kevent(2), and mio's reading of it).
// Without EV_RECEIPT (NetBSD) it makes them one call each.
func (s *selector) apply(changes []unix.Kevent_t) error {
	if evReceipt == 0 {
		for i := range changes {
			if err := s.change(&changes[i]); err != nil && !errors.Is(err, unix.ENOENT) {
				return err
			}
		}
		return nil
	}
	out := make([]unix.Kevent_t, len(changes))
	n, err := unix.Kevent(s.kq, changes, out, nil)
	if err != nil && !errors.Is(err, unix.EINTR) {
		return os.NewSyscallError("kevent", err)
	}
	for _, ev := range out[:n] {
		if e := int64(ev.Data); ev.Flags&unix.EV_ERROR != 0 && e != 0 && e != int64(unix.ENOENT) {
			return os.NewSyscallError("kevent", unix.Errno(e))
		}
	}
	return nil
}

// retire lets go of the registrations replaced since the last wait. The
// kernel stopped holding each one when the change that replaced it was
// applied (or when its descriptor was closed, which came before the new
// registration could get the number), so only a kevent already under
// way then could return it, and that call has returned: the waiting
// goroutine calls retire before it calls kevent again.
func (s *selector) retire() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.retired {
		s.udata.drop(r)
	}
	clear(s.retired)
	s.retired = s.retired[:0]
}

// ANCHOR_END: register

// ANCHOR: wait

func (s *selector) wait(events *Events, timeoutMs int) error {
	*events = (*events)[:0]
	size := max(cap(*events), 1)
	if len(s.buf) < size {
		s.buf = make([]unix.Kevent_t, size)
	}
	s.retire()
	var ts *unix.Timespec
	if timeoutMs >= 0 {
		t := unix.NsecToTimespec(int64(timeoutMs) * 1e6)
		ts = &t
	}
	n, err := unix.Kevent(s.kq, nil, s.buf[:size], ts)
	if errors.Is(err, unix.EINTR) {
		return errRetry
	}
	if err != nil {
		return os.NewSyscallError("kevent", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.buf[:n] {
		ev := &s.buf[i]
		if int(ev.Ident) == s.wakeR {
			s.woke = true
			continue
		}
		r := s.udata.get(ev)
		if r == nil {
			continue
		}
		kind := Readable
		if ev.Filter == unix.EVFILT_WRITE {
			kind = Writable
		}
		*events = append(*events, Event{token: r.token, kind: kind})
	}
	if s.woke {
		return s.drain()
	}
	return nil
}

// ANCHOR: drain

// drain reads the wake pipe until it is empty (EAGAIN), so the next wait
// blocks until the next wake.
func (s *selector) drain() error {
	var bytes [64]byte
	for {
		n, err := unix.Read(s.wakeR, bytes[:])
		switch {
		case errors.Is(err, unix.EAGAIN):
			return nil
		case err == nil && n == 0:
			return nil // end of file: the write end is closed, nothing more will come
		case errors.Is(err, unix.EINTR):
			continue
		case err != nil:
			return os.NewSyscallError("read", err)
		}
	}
}

// ANCHOR_END: drain

// ANCHOR_END: wait

// ANCHOR: wake

func (s *selector) wake() error {
	_, err := unix.Write(s.wakeW, []byte{1})
	if errors.Is(err, unix.EAGAIN) {
		return nil // the pipe is full, so a wake is already pending
	}
	return os.NewSyscallError("write", err)
}

// ANCHOR_END: wake

func (s *selector) close() error {
	err1 := os.NewSyscallError("close", unix.Close(s.wakeR))
	err2 := os.NewSyscallError("close", unix.Close(s.wakeW))
	err3 := os.NewSyscallError("close", unix.Close(s.kq))
	return errors.Join(err1, err2, err3)
}
