//go:build windows

package minimio

import (
	"errors"
	"os"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// selector is the Windows backend: an I/O completion port.
//
// IOCP is completion based. Registering a stream does not ask "tell me
// when this socket is readable"; it starts an overlapped receive into the
// stream's own buffer, and the port later reports that the receive has
// finished. The kernel reports a finished operation by handing back the
// address of the OVERLAPPED structure it was started with, so each
// receive gets its own operation, an OVERLAPPED followed by the token.
//
// A completion key is fixed per socket when the socket joins the port, so
// it cannot tell operations apart; here it only tells a socket's
// completion (streamKey) from the packet that wake posts (wakeKey).
type selector struct {
	port windows.Handle
	buf  []overlappedEntry // used only by the goroutine that waits
	woke bool              // the last wait took a wake packet; used only by the goroutine that waits
}

// The completion keys this backend uses.
const (
	wakeKey uintptr = 2 // the packet posted by wake, which has no OVERLAPPED
)

// overlappedEntry is Windows' OVERLAPPED_ENTRY, one completion taken off a
// port by GetQueuedCompletionStatusEx (32 bytes on 64-bit Windows).
//
// The kernel writes the Overlapped field without Go's write barrier. That
// is harmless because the operation it points to is still in pending at
// that moment, and wait clears the entries after use so that they do not
// keep old operations alive.
type overlappedEntry struct {
	Key        uintptr
	Overlapped *windows.Overlapped
	Internal   uintptr
	Bytes      uint32
}

// GetQueuedCompletionStatusEx takes several completions in one call;
// x/sys/windows only wraps the one-at-a-time GetQueuedCompletionStatus.
var procGetQueuedCompletionStatusEx = windows.NewLazySystemDLL("kernel32.dll").NewProc("GetQueuedCompletionStatusEx")

// ANCHOR: new

func newSelector() (*selector, error) {
	port, err := windows.CreateIoCompletionPort(windows.InvalidHandle, 0, 0, 0)
	if err != nil {
		return nil, os.NewSyscallError("CreateIoCompletionPort", err)
	}
	return &selector{port: port}, nil
}

// ANCHOR_END: new

// ANCHOR: wait

func (s *selector) wait(events *Events, timeoutMs int) error {
	*events = (*events)[:0]
	size := max(cap(*events), 1)
	if len(s.buf) < size {
		s.buf = make([]overlappedEntry, size)
	}
	timeout := uint32(windows.INFINITE)
	if timeoutMs >= 0 {
		timeout = uint32(timeoutMs)
	}
	deadline := time.Now().Add(time.Duration(timeoutMs) * time.Millisecond)
	var n uint32
	for {
		ok, _, err := procGetQueuedCompletionStatusEx.Call(uintptr(s.port),
			uintptr(unsafe.Pointer(&s.buf[0])), uintptr(size),
			uintptr(unsafe.Pointer(&n)), uintptr(timeout), 0) // not alertable
		if ok != 0 {
			break
		}
		if !errors.Is(err, windows.WAIT_TIMEOUT) {
			return os.NewSyscallError("GetQueuedCompletionStatusEx", err)
		}
		// Windows counts the timeout in clock ticks (about 15.6 ms) and
		// may give up to one tick early. epoll and kqueue never return
		// early, so wait out the rest.
		left := time.Until(deadline)
		if timeoutMs <= 0 || left <= 0 {
			return nil // no completion before the timeout
		}
		timeout = uint32((left + time.Millisecond - 1) / time.Millisecond)
	}
	entries := s.buf[:n]
	defer clear(entries) // drop the pointers: they would keep operations alive
	for _, e := range entries {
		if e.Key == wakeKey || e.Overlapped == nil {
			// The wake's packet: taking it off the port drains it.
			s.woke = true
			continue
		}
	}
	return nil
}

// ANCHOR_END: wait

// ANCHOR: wake

func (s *selector) wake() error {
	err := windows.PostQueuedCompletionStatus(s.port, 0, wakeKey, nil)
	return os.NewSyscallError("PostQueuedCompletionStatus", err)
}

// ANCHOR_END: wake

func (s *selector) close() error {
	return os.NewSyscallError("CloseHandle", windows.CloseHandle(s.port))
}
