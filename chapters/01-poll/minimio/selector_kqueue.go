//go:build darwin || dragonfly || freebsd || netbsd || openbsd

package minimio

import (
	"errors"
	"os"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

// selector is the kqueue backend for macOS and the BSDs: a kqueue plus a
// pipe that wakes it.
//
// A kevent's udata field is a pointer on most of these systems, and Go's
// garbage collector must never find an integer there, so tokens are kept
// in a map from file descriptor to token instead.
type selector struct {
	kq     int
	wakeR  int // read end of the wake pipe, registered with the kqueue
	wakeW  int // write end: Close writes one byte here
	mu     sync.Mutex
	tokens map[int]Token   // guarded by mu; one entry per fd, so it stays as small as the fd table
	buf    []unix.Kevent_t // used only by the goroutine that waits
}

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
	s := &selector{kq: kq, wakeR: p[0], wakeW: p[1], tokens: make(map[int]Token)}
	unix.CloseOnExec(s.wakeR)
	unix.CloseOnExec(s.wakeW)
	// The wake is level-triggered and never drained: once Close has
	// written its byte, every later wait returns at once.
	if err := s.change(s.wakeR, unix.EV_ADD|unix.EV_ENABLE); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

// ANCHOR_END: new

// ANCHOR: change

// change applies one change to the kqueue. With no event list, kevent
// reports a failing change as the call's own error, so each change is
// checked on its own (a batch would hide which change failed).
func (s *selector) change(fd int, flags int) error {
	var ev [1]unix.Kevent_t
	unix.SetKevent(&ev[0], fd, unix.EVFILT_READ, flags)
	for {
		_, err := unix.Kevent(s.kq, ev[:], nil, nil)
		if !errors.Is(err, unix.EINTR) {
			return os.NewSyscallError("kevent", err)
		}
	}
}

// ANCHOR_END: change

// ANCHOR: register

func (s *selector) register(stream *TcpStream, token Token, _ Interests) error {
	s.mu.Lock()
	s.tokens[stream.fd] = token
	s.mu.Unlock()
	return s.change(stream.fd, unix.EV_ADD|unix.EV_ENABLE|unix.EV_ONESHOT)
}

// ANCHOR_END: register

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
		return errInterrupted
	}
	if err != nil {
		return os.NewSyscallError("kevent", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, ev := range s.buf[:n] {
		fd := int(ev.Ident)
		if fd != s.wakeR {
			*events = append(*events, Event{token: s.tokens[fd]})
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
