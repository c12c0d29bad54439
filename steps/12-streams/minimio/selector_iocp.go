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
	streamKey uintptr = 1 // every socket joins the port with this key
	wakeKey   uintptr = 2 // the packet posted by wake, which has no OVERLAPPED
)

// ANCHOR: operation

// operation is one overlapped operation the kernel owns (a receive, a
// send or an accept), or an event that register posted itself (posted)
// because the source can already be used: bytes are still buffered, the
// connection broke before a receive began, no send is in flight for a
// Writable registration, or an accepted connection is waiting.
//
// The OVERLAPPED must be the first field: the kernel hands back a pointer
// to it, and because it sits at offset 0 that pointer is also a pointer to
// the operation.
//
// The kernel writes into the operation and into the memory it was given
// (mem: the stream's receive or send buffer, or the listener's address
// buffer) long after the call that started the operation has returned, so
// Go must neither free nor move them until then: track keeps the
// operation reachable (in pending) and pinned (runtime.Pinner), with its
// mem, from before the operation starts until wait takes its completion
// off the port.
type operation struct {
	ov     windows.Overlapped
	kind   opKind
	token  Token // guarded by pending.mu: a second Register may change it
	stream *TcpStream
	mem    *byte          // the memory the kernel reads or writes, pinned with op
	wsabuf windows.WSABuf // points into the stream's receive or send buffer
	flags  uint32         // in and out flags of WSARecv
	qty    uint32         // AcceptEx's byte count, written only if it finishes at once
	posted bool           // nothing was started; register posted the event
	pin    runtime.Pinner // guarded by pending.mu
}

// opKind says what an operation is and so which event its completion is.
type opKind uint8

const (
	opRecv     opKind = iota // a receive (or a posted Readable): a Readable event
	opSend                   // a send started by Write: a Writable event if one is wanted
	opWritable               // a posted Writable: no send was in flight
	opConnect                // a ConnectEx: a Writable event
)

// ANCHOR_END: operation

// ANCHOR: track

// pending holds every operation the kernel may still write to. It is
// shared by all ports on purpose: if a port is closed while receives are
// still in flight, nobody will ever take their completions, and the kernel
// may still write into their memory later (when data arrives or the
// socket is closed), so they stay here until the process exits.
var pending = struct {
	mu  sync.Mutex
	ops map[*operation]struct{}
}{ops: make(map[*operation]struct{})}

// track keeps op, and the memory it lends the kernel, alive and in place
// until untrack.
func track(op *operation) {
	pending.mu.Lock()
	defer pending.mu.Unlock()
	op.pin.Pin(op)
	if op.mem != nil {
		op.pin.Pin(op.mem)
	}
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

// ANCHOR_END: track

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

// ANCHOR: registerstream

// register makes interests src's standing interest. A stream asked for
// Readable gets a receive in flight, whose completion is its event, and
// Read starts the next one once it has used this one up; a listener gets
// an AcceptEx in flight, and Accept starts the next.
func (s *selector) register(src Source, token Token, interests Interests) error {
	stream := src.(*TcpStream)
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
	stream.inQueue, stream.token = true, token
	if stream.connectTo != nil || stream.connecting != nil {
		// Connecting: the ConnectEx's completion is the one event.
		stream.readArmed, stream.writeArmed, stream.writeToken = false, interests.IsWritable(), token
		return s.startConnect(stream)
	}
	stream.readArmed = interests.IsReadable()
	if stream.readArmed {
		if err := s.registerRead(stream, token); err != nil {
			return err
		}
	}
	if interests.IsWritable() {
		return s.registerWrite(stream, token)
	}
	stream.writeArmed = false
	return nil
}

// startConnect starts the ConnectEx of a stream from StartConnect, once.
// stream.mu is held.
func (s *selector) startConnect(stream *TcpStream) error {
	sa := stream.connectTo
	if sa == nil {
		return nil // started already
	}
	stream.connectTo = nil
	op := &operation{kind: opConnect, stream: stream}
	track(op)
	err := windows.ConnectEx(stream.handle, sa, nil, 0, nil, &op.ov)
	if err != nil && !errors.Is(err, windows.ERROR_IO_PENDING) {
		// Failed at once: report it as the connect's event, as Unix does
		// with a refusal found after EINPROGRESS.
		stream.connectErr = os.NewSyscallError("ConnectEx", err)
		op.kind = opConnect
		if perr := s.post(op); perr != nil {
			untrack(op)
			return perr
		}
	}
	stream.connecting = op
	return nil
}

// deregister drops src's interests. An operation in flight still
// completes; its event is not reported.
func (s *selector) deregister(src Source) error {
	stream := src.(*TcpStream)
	stream.mu.Lock()
	stream.inQueue, stream.readArmed, stream.writeArmed = false, false, false
	stream.mu.Unlock()
	return nil
}

// registerRead starts the receive whose completion is stream's Readable
// event. stream.mu is held.
func (s *selector) registerRead(stream *TcpStream, token Token) error {
	if op := stream.inFlight; op != nil {
		// Registered again before its event: as with EPOLL_CTL_MOD on
		// Linux, the event still to come carries the new token.
		pending.mu.Lock()
		op.token = token
		pending.mu.Unlock()
		return nil
	}
	op := &operation{kind: opRecv, token: token, stream: stream, mem: &stream.buf[0]}
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

// ANCHOR_END: registerstream

// ANCHOR: registerwrite

// registerWrite asks for stream's Writable events. The completion of each
// send is one; with no send in flight when Writable is first asked for, a
// write would not block, so an event is posted at once. stream.mu is
// held.
func (s *selector) registerWrite(stream *TcpStream, token Token) error {
	armed := stream.writeArmed
	stream.writeArmed, stream.writeToken = true, token
	if armed || stream.sending != nil {
		return nil
	}
	op := &operation{kind: opWritable, stream: stream}
	track(op)
	if err := s.post(op); err != nil {
		untrack(op)
		stream.writeArmed = false
		return err
	}
	return nil
}

// ANCHOR_END: registerwrite

// ANCHOR_END: register

// ANCHOR: post

// post queues op's event without starting an operation.
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
			// The wake's packet: taking it off the port drains it.
			s.woke = true
			continue
		}
		op := (*operation)(unsafe.Pointer(e.Overlapped))
		token, ours := untrack(op)
		if !ours {
			continue
		}
		// The kernel is done with op: hand the result to its stream or
		// listener, where Read, Write or Accept finds it. A failed
		// operation is an event too.
		if ev, report := op.finish(token, e.Bytes); report {
			*events = append(*events, ev)
		}
	}
	if len(*events) == 0 && !s.woke {
		// Only completions nobody waits for (a send with no Writable
		// registration): Poll must not return empty before its
		// timeout, so it waits again for the time left, as after EINTR.
		return errRetry
	}
	return nil
}

// ANCHOR_END: wait

// ANCHOR: finish

// finish hands a finished operation's result to its stream or listener
// and returns the event to report, if any: a send is only an event when
// a Writable registration waits for it.
func (op *operation) finish(token Token, n uint32) (Event, bool) {
	switch op.kind {
	case opRecv:
		report := op.stream.complete(op, n)
		return Event{token: token, kind: Readable}, report
	case opSend, opWritable:
		token, report := op.stream.completeWrite(op, n)
		return Event{token: token, kind: Writable}, report
	case opConnect:
		token, report := op.stream.completeConnect(op)
		return Event{token: token, kind: Writable}, report
	}
	panic("minimio: an operation of no known kind")
}

// overlappedError is the error of a failed overlapped operation on
// handle. The OVERLAPPED holds its NTSTATUS; WSAGetOverlappedResult turns
// that into the Winsock error a synchronous call would give, which needs
// the handle (after Close, the generic mapping must do).
func overlappedError(handle windows.Handle, ov *windows.Overlapped, closed bool) error {
	var err error = windows.NTStatus(ov.Internal).Errno()
	if !closed {
		var bytes, flags uint32
		if e := windows.WSAGetOverlappedResult(handle, ov, &bytes, false, &flags); e != nil {
			err = e
		}
	}
	return err
}

// ANCHOR_END: finish

// ANCHOR: wake

func (s *selector) wake() error {
	err := windows.PostQueuedCompletionStatus(s.port, 0, wakeKey, nil)
	return os.NewSyscallError("PostQueuedCompletionStatus", err)
}

// ANCHOR_END: wake

func (s *selector) close() error {
	return os.NewSyscallError("CloseHandle", windows.CloseHandle(s.port))
}
