//go:build linux

package minimio

import (
	"encoding/binary"
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// ANCHOR: selector

// selector is the Linux backend: an epoll instance plus an eventfd that
// wakes it.
//
// An epoll_event carries 64 bits of user data. x/sys/unix exposes that
// union as two int32 fields, Fd and Pad (its layout differs between
// architectures, which is the Go form of the original book's "packed
// struct" surprise), so a Token is stored as its low half in Fd and its
// high half in Pad, and read back the same way.
type selector struct {
	epfd   int
	wakefd int
	buf    []unix.EpollEvent // used only by the goroutine that waits
}

// ANCHOR_END: selector

// ANCHOR: new

func newSelector() (*selector, error) {
	epfd, err := unix.EpollCreate1(unix.EPOLL_CLOEXEC)
	if err != nil {
		return nil, os.NewSyscallError("epoll_create1", err)
	}
	wakefd, err := unix.Eventfd(0, unix.EFD_CLOEXEC|unix.EFD_NONBLOCK)
	if err != nil {
		unix.Close(epfd)
		return nil, os.NewSyscallError("eventfd", err)
	}
	// The wake stays level-triggered and is never drained: once Close
	// has written to it, every later wait returns at once.
	ev := epollEvent(unix.EPOLLIN, WakeToken)
	if err := unix.EpollCtl(epfd, unix.EPOLL_CTL_ADD, wakefd, &ev); err != nil {
		unix.Close(wakefd)
		unix.Close(epfd)
		return nil, os.NewSyscallError("epoll_ctl add", err)
	}
	return &selector{epfd: epfd, wakefd: wakefd}, nil
}

// ANCHOR_END: new

// ANCHOR: register

func (s *selector) register(stream *TcpStream, token Token, _ Interests) error {
	ev := epollEvent(unix.EPOLLIN|unix.EPOLLONESHOT, token)
	err := unix.EpollCtl(s.epfd, unix.EPOLL_CTL_ADD, stream.fd, &ev)
	if errors.Is(err, unix.EEXIST) {
		// Registered before and fired: a one-shot registration is
		// disarmed, not removed, so it is re-armed with MOD.
		err = unix.EpollCtl(s.epfd, unix.EPOLL_CTL_MOD, stream.fd, &ev)
		return os.NewSyscallError("epoll_ctl mod", err)
	}
	return os.NewSyscallError("epoll_ctl add", err)
}

// ANCHOR_END: register

// ANCHOR: wait

func (s *selector) wait(events *Events, timeoutMs int) error {
	*events = (*events)[:0]
	size := max(cap(*events), 1)
	if len(s.buf) < size {
		s.buf = make([]unix.EpollEvent, size)
	}
	n, err := unix.EpollWait(s.epfd, s.buf[:size], timeoutMs)
	if errors.Is(err, unix.EINTR) {
		return errInterrupted
	}
	if err != nil {
		return os.NewSyscallError("epoll_wait", err)
	}
	for _, ev := range s.buf[:n] {
		token := Token(uint32(ev.Fd)) | Token(uint32(ev.Pad))<<32
		if token != WakeToken {
			*events = append(*events, Event{token: token})
		}
	}
	return nil
}

// ANCHOR_END: wait

// ANCHOR: wake

func (s *selector) wake() error {
	var one [8]byte
	binary.NativeEndian.PutUint64(one[:], 1)
	_, err := unix.Write(s.wakefd, one[:])
	return os.NewSyscallError("write eventfd", err)
}

// ANCHOR_END: wake

func (s *selector) close() error {
	err1 := os.NewSyscallError("close eventfd", unix.Close(s.wakefd))
	err2 := os.NewSyscallError("close epoll", unix.Close(s.epfd))
	return errors.Join(err1, err2)
}

// ANCHOR: token

// epollEvent builds the event that asks for flags and carries token.
func epollEvent(flags uint32, token Token) unix.EpollEvent {
	return unix.EpollEvent{Events: flags, Fd: int32(uint32(token)), Pad: int32(uint32(token >> 32))}
}

// ANCHOR_END: token
