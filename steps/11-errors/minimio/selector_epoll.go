//go:build linux

package minimio

import (
	"encoding/binary"
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

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
	woke   bool              // the last wait drained the eventfd; used only by the goroutine that waits
}

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
	// The eventfd is a counter: each wake adds to it, and while it is
	// not zero it is readable. It stays registered, level-triggered,
	// and wait reads it back to zero after it fires.
	ev := epollEvent(unix.EPOLLIN, WakeToken)
	if err := unix.EpollCtl(epfd, unix.EPOLL_CTL_ADD, wakefd, &ev); err != nil {
		unix.Close(wakefd)
		unix.Close(epfd)
		return nil, os.NewSyscallError("epoll_ctl", err)
	}
	return &selector{epfd: epfd, wakefd: wakefd}, nil
}

// ANCHOR_END: new

// ANCHOR: wait

func (s *selector) wait(events *Events, timeoutMs int) error {
	*events = (*events)[:0]
	size := max(cap(*events), 1)
	if len(s.buf) < size {
		s.buf = make([]unix.EpollEvent, size)
	}
	n, err := unix.EpollWait(s.epfd, s.buf[:size], timeoutMs)
	if errors.Is(err, unix.EINTR) {
		return errRetry
	}
	if err != nil {
		return os.NewSyscallError("epoll_wait", err)
	}
	for _, ev := range s.buf[:n] {
		token := Token(uint32(ev.Fd)) | Token(uint32(ev.Pad))<<32
		if token == WakeToken {
			s.woke = true
			continue
		}
		*events = append(*events, Event{token: token, kind: epollKind(ev.Events)})
	}
	if s.woke {
		return s.drain()
	}
	return nil
}

// ANCHOR_END: wait

// ANCHOR: drain

// drain reads the eventfd, which returns its count and sets it to zero,
// so the next wait blocks until the next wake. EAGAIN means another read
// got there first: nothing is left to drain.
func (s *selector) drain() error {
	var count [8]byte
	_, err := unix.Read(s.wakefd, count[:])
	if errors.Is(err, unix.EAGAIN) {
		return nil
	}
	return os.NewSyscallError("read", err)
}

// ANCHOR_END: drain

// ANCHOR: kind

// epollKind says which interests an epoll event is for. An error or a
// hang-up is reported whatever was asked, and it is news for a reader
// and a writer alike. (EPOLLRDHUP is never asked for, so never reported.)
func epollKind(flags uint32) Interests {
	var kind Interests
	if flags&(unix.EPOLLIN|unix.EPOLLHUP|unix.EPOLLERR) != 0 {
		kind |= Readable
	}
	return kind
}

// ANCHOR_END: kind

// ANCHOR: wake

func (s *selector) wake() error {
	var one [8]byte
	binary.NativeEndian.PutUint64(one[:], 1)
	_, err := unix.Write(s.wakefd, one[:])
	if errors.Is(err, unix.EAGAIN) {
		return nil // the counter is full, so a wake is already pending
	}
	return os.NewSyscallError("write", err)
}

// ANCHOR_END: wake

func (s *selector) close() error {
	err1 := os.NewSyscallError("close", unix.Close(s.wakefd))
	err2 := os.NewSyscallError("close", unix.Close(s.epfd))
	return errors.Join(err1, err2)
}

// ANCHOR: token

// epollEvent builds the event that asks for flags and carries token.
func epollEvent(flags uint32, token Token) unix.EpollEvent {
	return unix.EpollEvent{Events: flags, Fd: int32(uint32(token)), Pad: int32(uint32(token >> 32))}
}

// ANCHOR_END: token
