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
// pipe that wakes it.
//
// Each event carries its registration in the kernel, in udata, as epoll
// carries the token (see register).
type selector struct {
	kq      int
	wakeR   int // read end of the wake pipe, registered with the kqueue
	wakeW   int // write end: Close writes one byte here
	mu      sync.Mutex
	regs    map[int]*registration // guarded by mu: each fd's latest registration
	retired []*registration       // guarded by mu: replaced since the last wait began
	udata   udataIndex            // guarded by mu
	buf     []unix.Kevent_t       // used only by the goroutine that waits
}

// registration is what a kevent's udata refers to: the token of the
// Register call that armed the filter.
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
	s := &selector{kq: kq, wakeR: p[0], wakeW: p[1], regs: make(map[int]*registration)}
	unix.CloseOnExec(s.wakeR)
	unix.CloseOnExec(s.wakeW)
	// The wake is level-triggered and never drained: once Close has
	// written its byte, every later wait returns at once.
	if err := s.change(s.wakeR, unix.EV_ADD|unix.EV_ENABLE, nil); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

// ANCHOR_END: new

// ANCHOR: change

// change applies one change to the kqueue, with udata naming r (the
// wake pipe has none). With no event list, kevent reports a failing
// change as the call's own error, so each change is checked on its own
// (a batch would hide which change failed).
func (s *selector) change(fd int, flags int, r *registration) error {
	var ev [1]unix.Kevent_t
	unix.SetKevent(&ev[0], fd, unix.EVFILT_READ, flags)
	if r != nil {
		s.udata.set(&ev[0], r)
	}
	for {
		_, err := unix.Kevent(s.kq, ev[:], nil, nil)
		if !errors.Is(err, unix.EINTR) {
			return os.NewSyscallError("kevent", err)
		}
	}
}

// ANCHOR_END: change

// ANCHOR: register

// register arms the one-shot read filter with udata naming a
// registration for token. It holds mu throughout, so that the kernel
// never holds a registration the selector has let go of; kevent with no
// event list does not block.
func (s *selector) register(stream *TcpStream, token Token, _ Interests) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.regs[stream.fd]
	r := old
	if r == nil || r.token != token {
		r = &registration{token: token}
	}
	if err := s.change(stream.fd, unix.EV_ADD|unix.EV_ENABLE|unix.EV_ONESHOT, r); err != nil {
		if r != old {
			s.udata.drop(r)
		}
		return err
	}
	if r != old {
		s.regs[stream.fd] = r
		if old != nil {
			s.retired = append(s.retired, old)
		}
	}
	return nil
}

// ANCHOR_END: register

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
		return errInterrupted
	}
	if err != nil {
		return os.NewSyscallError("kevent", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.buf[:n] {
		ev := &s.buf[i]
		if r := s.udata.get(ev); int(ev.Ident) != s.wakeR && r != nil {
			*events = append(*events, Event{token: r.token})
		}
	}
	return nil
}

// ANCHOR_END: wait

// ANCHOR: wake

func (s *selector) wake() error {
	_, err := unix.Write(s.wakeW, []byte{1})
	return os.NewSyscallError("write pipe", err)
}

// ANCHOR_END: wake

func (s *selector) close() error {
	err1 := os.NewSyscallError("close pipe", unix.Close(s.wakeR))
	err2 := os.NewSyscallError("close pipe", unix.Close(s.wakeW))
	err3 := os.NewSyscallError("close kqueue", unix.Close(s.kq))
	return errors.Join(err1, err2, err3)
}
