//go:build windows

package minimio

import (
	"errors"
	"os"
	"runtime"
	"sync"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// ANCHOR: selector

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
}

// The completion keys this backend uses.
const (
	streamKey uintptr = 1 // every socket joins the port with this key
	wakeKey   uintptr = 2 // the packet posted by wake, which has no OVERLAPPED
)

// ANCHOR_END: selector

// ANCHOR: operation

// operation is one receive the kernel owns, or an event that register
// posted itself (posted) because the stream can already be read: bytes
// are still buffered, or the connection broke before a receive began.
//
// The OVERLAPPED must be the first field: the kernel hands back a pointer
// to it, and because it sits at offset 0 that pointer is also a pointer to
// the operation.
//
// The kernel writes into the operation and into the stream's buffer long
// after the call that started the receive has returned, so Go must
// neither free nor move them until then: track keeps the operation
// reachable (in pending) and pinned (runtime.Pinner) from before the
// receive starts until wait takes its completion off the port.
type operation struct {
	ov     windows.Overlapped
	token  Token // guarded by pending.mu: a second Register may change it
	stream *TcpStream
	wsabuf windows.WSABuf // points into stream.buf
	flags  uint32         // in and out flags of WSARecv
	posted bool           // no receive was started; register posted the event
	pin    runtime.Pinner // guarded by pending.mu
}

// pending holds every operation the kernel may still write to. It is
// shared by all ports on purpose: if a port is closed while receives are
// still in flight, nobody will ever take their completions, and the kernel
// may still write into their memory later (when data arrives or the
// socket is closed), so they stay here until the process exits.
var pending = struct {
	mu  sync.Mutex
	ops map[*operation]struct{}
}{ops: make(map[*operation]struct{})}

// track keeps op, and the buffer of its stream, alive and in place until
// untrack.
func track(op *operation) {
	pending.mu.Lock()
	defer pending.mu.Unlock()
	op.pin.Pin(op)
	op.pin.Pin(&op.stream.buf[0])
	pending.ops[op] = struct{}{}
}

// untrack ends what track began, once the kernel is done with op, and
// returns op's token. It reports false, and leaves op alone, if op is not
// an operation of ours.
func untrack(op *operation) (Token, bool) {
	pending.mu.Lock()
	defer pending.mu.Unlock()
	if _, ours := pending.ops[op]; !ours {
		return 0, false
	}
	delete(pending.ops, op)
	op.pin.Unpin()
	return op.token, true
}

// ANCHOR_END: operation

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

// ANCHOR: register

func (s *selector) register(stream *TcpStream, token Token, _ Interests) error {
	stream.mu.Lock()
	defer stream.mu.Unlock()
	if stream.sel != s {
		// A socket joins one completion port for good; doing this twice
		// fails, so the stream remembers its port.
		_, err := windows.CreateIoCompletionPort(stream.handle, s.port, streamKey, 0)
		if err != nil {
			return os.NewSyscallError("CreateIoCompletionPort", err)
		}
		stream.sel = s
	}
	if op := stream.inFlight; op != nil {
		// Registered again before its event: as with EPOLL_CTL_MOD on
		// Linux, the one event still to come carries the new token.
		pending.mu.Lock()
		op.token = token
		pending.mu.Unlock()
		return nil
	}
	op := &operation{token: token, stream: stream}
	track(op)
	var err error
	if len(stream.data) > 0 || stream.err != nil {
		// Read has not taken all that the last receive brought. A
		// readiness queue would report the stream at once; so do we.
		err = s.post(op)
	} else {
		// Lend the whole buffer to the kernel. ERROR_IO_PENDING means
		// the receive has started; nil means it finished at once, and
		// its completion is queued all the same.
		op.wsabuf = windows.WSABuf{Len: uint32(len(stream.buf)), Buf: &stream.buf[0]}
		err = windows.WSARecv(stream.handle, &op.wsabuf, 1, nil, &op.flags, &op.ov, nil)
		switch {
		case errors.Is(err, windows.ERROR_IO_PENDING):
			err = nil
		case isConnectionError(err):
			// The connection broke before the receive could start. On
			// Unix that is an event whose Read fails; make it one here.
			stream.err = os.NewSyscallError("WSARecv", err)
			err = s.post(op)
		default:
			err = os.NewSyscallError("WSARecv", err)
		}
	}
	if err != nil {
		untrack(op) // nothing was queued: the kernel will not touch op
		return err
	}
	stream.inFlight = op
	return nil
}

// ANCHOR_END: register

// ANCHOR: post

// post queues op's event without starting a receive.
func (s *selector) post(op *operation) error {
	op.posted = true
	err := windows.PostQueuedCompletionStatus(s.port, 0, streamKey, &op.ov)
	return os.NewSyscallError("PostQueuedCompletionStatus", err)
}

// isConnectionError reports whether err says the connection is gone.
func isConnectionError(err error) bool {
	return errors.Is(err, windows.WSAECONNRESET) || errors.Is(err, windows.WSAECONNABORTED) ||
		errors.Is(err, windows.WSAENETRESET)
}

// ANCHOR_END: post

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
			continue // the wake: Poll finds the queue closed
		}
		op := (*operation)(unsafe.Pointer(e.Overlapped))
		token, ours := untrack(op)
		if !ours {
			continue
		}
		// The kernel is done with op: hand the result to the stream,
		// where Read finds it. A failed receive is an event too.
		op.stream.complete(op, e.Bytes)
		*events = append(*events, Event{token: token})
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
