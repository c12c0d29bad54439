// ANCHOR: doc

// Package minimio is a small cross-platform event queue: epoll on Linux,
// kqueue on macOS and the BSDs, and IOCP on Windows, behind one API.
//
// It retells in Go the "minimio" library of C. F. Samson's book "Epoll,
// Kqueue and IOCP Explained". One goroutine (usually locked to its own OS
// thread) calls [Poll.Poll] and blocks until the OS reports an event; any
// other goroutine registers interest through a [Registrator] and can close
// the queue, which wakes the blocked Poll at once.
//
// # What an event means on each OS
//
// Readiness and completion are different promises:
//
//   - epoll (Linux) and kqueue (macOS, BSD) are readiness based: an event
//     for a token means "a read on this socket will not block now".
//   - IOCP (Windows) is completion based: registering a stream for reading
//     starts an overlapped receive into a buffer the stream owns, and the
//     event means "that receive has finished; the bytes are in the buffer".
//
// [TcpStream.Read] hides the difference: after an event, Read returns the
// data without blocking on every OS.
//
// # Registration is one-shot
//
// As in the original, a registration reports at most one event. After it
// fires, the stream is silent until it is registered again with
// [Registrator.Register]. (Linux: EPOLLONESHOT; kqueue: EV_ONESHOT; IOCP:
// one overlapped receive per registration.)
//
// # The backend contract
//
// Each OS mechanism lives in one file with the same shape:
// selector_epoll.go, selector_kqueue.go and selector_iocp.go. Each defines
// a type selector with these methods, and nothing else is OS specific
// except the socket code in stream_*.go:
//
//	newSelector() (*selector, error)
//	    creates the OS queue and whatever the wake needs.
//	(*selector).register(s *TcpStream, token Token, interests Interests) error
//	    asks for one event for s, reported with token.
//	(*selector).wait(events *Events, timeoutMs int) error
//	    one OS wait. timeoutMs < 0 waits forever, 0 returns at once.
//	    It replaces the contents of *events (up to cap(*events)) with
//	    the events for registered streams; a wake is not put in events.
//	    An interrupted wait (EINTR) returns errInterrupted, and Poll
//	    retries with the time that is left.
//	(*selector).wake() error
//	    makes a blocked or future wait return; safe from any goroutine.
//	(*selector).close() error
//	    releases the OS queue and the wake's resources.
//
// Errors from system calls are wrapped with the call's name
// (os.NewSyscallError), so callers can still test them with errors.Is.
package minimio

// ANCHOR_END: doc

import (
	"errors"
	"sync/atomic"
	"time"
)

// ANCHOR: types

// Token identifies a registration. The caller picks it, and the event that
// the registration produces carries it back. Any value but WakeToken may be
// used.
type Token uint64

// WakeToken is reserved for the queue's own wake-up; Register refuses it.
const WakeToken = ^Token(0)

// ErrReservedToken is returned by Register for WakeToken.
var ErrReservedToken = errors.New("minimio: token is reserved for the wake-up")

// Interests says which kind of readiness a registration waits for.
type Interests uint8

// The interests a stream can be registered with.
const (
	// Readable asks for an event when the stream has data to read (or,
	// on Windows, when a receive into the stream's buffer has finished).
	Readable Interests = 1 << iota
	// Writable asks for an event when a write would not block. Like the
	// original, this version only implements Readable; registering for
	// Writable returns ErrUnsupported.
	Writable
)

// IsReadable reports whether i includes Readable.
func (i Interests) IsReadable() bool { return i&Readable != 0 }

// IsWritable reports whether i includes Writable.
func (i Interests) IsWritable() bool { return i&Writable != 0 }

// Event is one notification taken from the OS queue.
type Event struct {
	token Token
}

// Token returns the token the stream was registered with.
func (e Event) Token() Token { return e.token }

// Events is a reusable buffer of events. Poll fills it up to its capacity.
type Events []Event

// NewEvents returns an empty buffer that holds up to capacity events per
// call to Poll.
func NewEvents(capacity int) Events { return make(Events, 0, capacity) }

// ANCHOR_END: types

// ANCHOR: errors

// ErrClosed is returned by Poll once the queue has been closed through
// Registrator.Close, and by Register and Close after that. A blocked Poll
// returns it at once. It is the signal for the event-queue thread to exit.
var ErrClosed = errors.New("minimio: event queue closed")

// ErrUnsupported is returned by Register for interests this version does
// not implement (Writable).
var ErrUnsupported = errors.New("minimio: interest not supported")

// errInterrupted is what a backend's wait returns when the OS call was
// interrupted by a signal (EINTR). Poll retries with the remaining time.
var errInterrupted = errors.New("minimio: wait interrupted")

// ANCHOR_END: errors

// ANCHOR: new

// Poll owns the OS event queue. Only one goroutine may call its Poll method
// at a time; registration and closing go through a Registrator, which any
// goroutine may use.
type Poll struct {
	sel      *selector
	closed   *atomic.Bool
	released atomic.Bool // Close has released the OS queue
}

// New creates an event queue.
func New() (*Poll, error) {
	sel, err := newSelector()
	if err != nil {
		return nil, err
	}
	return &Poll{sel: sel, closed: new(atomic.Bool)}, nil
}

// Registrator returns a handle that registers streams with this queue and
// closes it. It may be handed to, and used from, any goroutine.
func (p *Poll) Registrator() *Registrator {
	return &Registrator{sel: p.sel, closed: p.closed}
}

// ANCHOR_END: new

// ANCHOR: poll

// Poll blocks until at least one registered event is ready, the timeout
// passes, or the queue is closed, and replaces the contents of events with
// what the OS reported (at most cap(*events) events).
//
// A negative timeout waits forever and zero does not block. A positive
// timeout is rounded up to whole milliseconds, so a wait of 300µs waits
// 1 ms rather than 0 (rounding down would turn a short wait into a busy
// loop). When the OS call is interrupted by a signal, Poll waits again for
// the time that is left instead of returning early.
//
// When the timeout passes, Poll returns nil with events empty. After
// Registrator.Close, Poll returns ErrClosed, even if events were ready.
// Poll must only be called from one goroutine at a time.
func (p *Poll) Poll(events *Events, timeout time.Duration) error {
	if p.closed.Load() {
		return ErrClosed
	}
	deadline := time.Now().Add(timeout)
	for {
		err := p.sel.wait(events, timeoutMillis(timeout))
		if errors.Is(err, errInterrupted) {
			if timeout > 0 {
				timeout = max(time.Until(deadline), 0)
			}
			continue
		}
		if p.closed.Load() {
			*events = (*events)[:0]
			return ErrClosed
		}
		return err
	}
}

// ANCHOR_END: poll

// Close releases the OS queue. Call it after the goroutine that polls has
// returned; Registrator.Close is the call that stops that goroutine. A
// second Close returns ErrClosed and closes nothing.
func (p *Poll) Close() error {
	p.closed.Store(true)
	if !p.released.CompareAndSwap(false, true) {
		return ErrClosed // the descriptors are closed already, and their numbers may be someone else's now
	}
	return p.sel.close()
}

// ANCHOR: timeout

// timeoutMillis converts a Poll timeout to the milliseconds the OS calls
// take: -1 for "forever", and anything between 0 and 1 ms rounded up.
func timeoutMillis(d time.Duration) int {
	switch {
	case d < 0:
		return -1
	case d == 0:
		return 0
	}
	ms := (d + time.Millisecond - 1) / time.Millisecond
	const most = 1<<31 - 1
	return int(min(ms, most))
}

// ANCHOR_END: timeout

// ANCHOR: register

// Registrator registers streams with a Poll and closes it. Every method is
// safe to call from any goroutine.
type Registrator struct {
	sel    *selector
	closed *atomic.Bool
}

// Register asks the queue for one event when s becomes readable; the event
// carries token. After the event the stream must be registered again to
// get another one. It returns ErrClosed once the queue is closed and
// ErrUnsupported for Writable.
func (r *Registrator) Register(s *TcpStream, token Token, interests Interests) error {
	if r.closed.Load() {
		return ErrClosed
	}
	if interests.IsWritable() || !interests.IsReadable() {
		return ErrUnsupported
	}
	if token == WakeToken {
		return ErrReservedToken
	}
	return r.sel.register(s, token, interests)
}

// ANCHOR_END: register

// ANCHOR: close

// Close marks the queue closed and wakes the goroutine blocked in Poll,
// which returns ErrClosed at once. Only the first call does anything;
// later calls return ErrClosed.
func (r *Registrator) Close() error {
	if !r.closed.CompareAndSwap(false, true) {
		return ErrClosed
	}
	return r.sel.wake()
}

// ANCHOR_END: close
