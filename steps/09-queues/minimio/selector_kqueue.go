//go:build darwin || dragonfly || freebsd || netbsd || openbsd

package minimio

import (
	"errors"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// ANCHOR: selector

// selector is the kqueue backend for macOS and the BSDs: a kqueue plus a
// non-blocking pipe that wakes it (a pipe rather than EVFILT_USER, which
// OpenBSD before 7.8 and NetBSD before 10 lack: one wake for every BSD).
type selector struct {
	kq    int
	wakeR int             // read end of the wake pipe, registered with the kqueue
	wakeW int             // write end: Close writes one byte here
	buf   []unix.Kevent_t // used only by the goroutine that waits
	woke  bool            // the last wait drained the pipe; used only by the goroutine that waits
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
	s := &selector{kq: kq, wakeR: p[0], wakeW: p[1]}
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

// ANCHOR: wait

func (s *selector) wait(events *Events, timeoutMs int) error {
	*events = (*events)[:0]
	size := max(cap(*events), 1)
	if len(s.buf) < size {
		s.buf = make([]unix.Kevent_t, size)
	}
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
	for i := range s.buf[:n] {
		ev := &s.buf[i]
		if int(ev.Ident) == s.wakeR {
			s.woke = true
			continue
		}
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
