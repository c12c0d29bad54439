// ANCHOR: doc

// Package minimio is a small cross-platform event queue: epoll on Linux,
// kqueue on macOS and the BSDs, and IOCP on Windows, behind one API.
//
// It retells in Go the "minimio" library of C. F. Samson's book "Epoll,
// Kqueue and IOCP Explained". One goroutine (usually locked to its own OS
// thread) calls [Poll.Poll] and blocks until the OS reports an event, the
// timeout passes, or another goroutine wakes it with a [Waker]; any
// goroutine can close the queue through a [Registrator], which wakes the
// blocked Poll at once.
//
// # Waking the queue
//
// A [Waker] lets another thread interrupt the wait, as libuv's
// uv_async_send does and as mio's Waker does: Wake makes a blocked Poll
// return, or the next Poll if none is blocked, and [Poll.Woken] then
// reports the wake, apart from the events (which may come in the same
// return). Wakes that arrive before the waiting side has seen one are
// one wake: only the first of them makes a system call, and Poll drains
// the signal before it returns, so the next Poll blocks again. What the
// signal is depends on the OS:
//
//   - Linux: an eventfd, a counter in the kernel, registered with the
//     epoll instance; Wake adds to it and Poll reads it back to zero.
//   - macOS and the BSDs: a non-blocking pipe whose read end is
//     registered with the kqueue; Wake writes a byte and Poll reads the
//     pipe empty. (EVFILT_USER would save the read, but OpenBSD before
//     7.8 and NetBSD before 10 lack it, x/sys defines it only for macOS,
//     FreeBSD and DragonFly, and the pipe is one code path that the
//     macOS CI job covers for every BSD.)
//   - Windows: a completion packet posted with PostQueuedCompletionStatus
//     under a key of its own; taking the packet off the port drains it.
//
// # The backend contract
//
// Each OS mechanism lives in one file with the same shape:
// selector_epoll.go, selector_kqueue.go and selector_iocp.go. Each defines
// a type selector with these methods, and nothing else is OS specific:
//
//	newSelector() (*selector, error)
//	    creates the OS queue and whatever the wake needs.
//	(*selector).wait(events *Events, timeoutMs int) error
//	    one OS wait. timeoutMs < 0 waits forever, 0 returns at once.
//	    It empties *events: nothing is registered yet (the streams step
//	    registers sockets, whose events it puts there); a wake is not
//	    put in events:
//	    wait drains it and sets the selector's woke field instead.
//	    errRetry asks Poll to wait again with the time that is left: an
//	    interrupted wait (EINTR), or on IOCP a return with only
//	    completions nobody asked to hear of.
//	(*selector).wake() error
//	    makes a blocked or future wait return; safe from any goroutine.
//	    Waker.Wake and Registrator.Close both use it.
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

// Interests says which kind of readiness a registration waits for.
type Interests uint8

// The interests a stream can be registered with.
const (
	// Readable asks for an event when the stream has data to read (or,
	// on Windows, when a receive into the stream's buffer has finished).
	Readable Interests = 1 << iota
)

// IsReadable reports whether i includes Readable.
func (i Interests) IsReadable() bool { return i&Readable != 0 }

// Event is one notification taken from the OS queue.
type Event struct {
	token Token
	kind  Interests // which interest the event is for
}

// Token returns the token the source was registered with.
func (e Event) Token() Token { return e.token }

// IsReadable reports whether the event is for Readable: the stream has
// data, an end or an error to read, or the listener a connection to
// accept. On epoll an error or a hang-up counts as both readable and
// writable.
func (e Event) IsReadable() bool { return e.kind.IsReadable() }

// Events is a reusable buffer of events. Poll fills it up to its capacity.
type Events []Event

// NewEvents returns an empty buffer that holds up to capacity events per
// call to Poll.
func NewEvents(capacity int) Events { return make(Events, 0, capacity) }

// ANCHOR_END: types

// ANCHOR: errors

// ErrClosed is returned by Poll once the queue has been closed through
// Registrator.Close, and by Register and Close after that. A blocked Poll
// returns it at once; in the chapters' design it is the signal for the
// event-queue thread to exit.
var ErrClosed = errors.New("minimio: event queue closed")

// errRetry is what a backend's wait returns when Poll should wait again
// with the remaining time: the OS call was interrupted by a signal
// (EINTR), or (IOCP) it brought only completions nobody asked to hear of.
var errRetry = errors.New("minimio: wait again")

// ANCHOR_END: errors

// ANCHOR: new

// Poll owns the OS event queue. Only one goroutine may call its Poll method
// at a time; registration and closing go through a Registrator, which any
// goroutine may use.
type Poll struct {
	sel      *selector
	closed   *atomic.Bool
	released atomic.Bool // Close has released the OS queue
	// wakeSent is set by the Wake that signals the OS and cleared by the
	// Poll that drains the signal; Wakes that find it set make no call.
	wakeSent *atomic.Bool
	woken    bool // the last Poll drained a wake; used only by the polling goroutine
}

// New creates an event queue.
func New() (*Poll, error) {
	sel, err := newSelector()
	if err != nil {
		return nil, err
	}
	return &Poll{sel: sel, closed: new(atomic.Bool), wakeSent: new(atomic.Bool)}, nil
}

// Registrator returns a handle that registers streams and listeners with
// this queue and closes it. It may be handed to, and used from, any
// goroutine.
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
// When the timeout passes, Poll returns nil with events empty. A
// Waker's Wake also ends the wait: Poll returns nil, with the events that
// were ready at the same time (perhaps none), and Woken reports true.
// After Registrator.Close or Close, Poll returns ErrClosed, even if events
// were ready. Poll must only be called from one goroutine at a time.
func (p *Poll) Poll(events *Events, timeout time.Duration) error {
	p.woken = false
	if p.closed.Load() {
		return ErrClosed
	}
	var deadline time.Time // read the clock only for a wait that can be cut short
	if timeout > 0 {
		deadline = time.Now().Add(timeout)
	}
	for {
		p.sel.woke = false
		err := p.sel.wait(events, timeoutMillis(timeout))
		if p.sel.woke {
			// The signal is drained: the next Wake must send another.
			// A Wake that came since found wakeSent still set and sent
			// nothing, and this return is the one it asked for.
			p.woken = true
			p.wakeSent.Store(false)
		}
		if errors.Is(err, errRetry) {
			if timeout > 0 {
				timeout = max(time.Until(deadline), 0)
			}
			continue
		}
		if p.closed.Load() {
			*events = (*events)[:0]
			p.woken = false
			return ErrClosed
		}
		return err
	}
}

// Woken reports whether the last call to Poll returned because of
// Waker.Wake (with or without events). Only the goroutine that polls may
// call it.
func (p *Poll) Woken() bool { return p.woken }

// ANCHOR_END: poll

// ANCHOR: waker

// Waker wakes a Poll from another goroutine. Get one with Poll.Waker.
type Waker struct {
	sel      *selector
	closed   *atomic.Bool
	wakeSent *atomic.Bool
}

// Waker returns a handle whose Wake makes the queue's Poll return. It may
// be handed to, and used from, any goroutine.
func (p *Poll) Waker() *Waker {
	return &Waker{sel: p.sel, closed: p.closed, wakeSent: p.wakeSent}
}

// Wake makes a blocked Poll return, or the next Poll if none is blocked
// now, with Woken reporting true. Wakes before that return are one wake:
// only the first signals the OS. Wake carries no data and orders no
// memory for a Wake that was coalesced into another: hand the polling
// goroutine what it is woken for under a lock (or on a channel), as
// final/loop does with its inbox. Wake returns ErrClosed once the queue
// is closed; Close the Poll only after every goroutine that may wake it
// has stopped. If the signal cannot be sent, Wake returns the error and
// the next Wake tries again. Safe from any goroutine.
func (w *Waker) Wake() error {
	if w.closed.Load() {
		return ErrClosed
	}
	if !w.wakeSent.CompareAndSwap(false, true) {
		return nil // a wake is on its way and not yet drained
	}
	if err := w.sel.wake(); err != nil {
		w.wakeSent.Store(false) // no signal is on its way
		return err
	}
	return nil
}

// ANCHOR_END: waker

// ANCHOR: pollclose

// Close releases the OS queue. Call it after the goroutine that polls has
// returned (in the chapters' design, Registrator.Close is the call that
// stops that goroutine). A second Close returns ErrClosed and closes
// nothing.
func (p *Poll) Close() error {
	p.closed.Store(true)
	if !p.released.CompareAndSwap(false, true) {
		return ErrClosed // the descriptors are closed already, and their numbers may be someone else's now
	}
	return p.sel.close()
}

// ANCHOR_END: pollclose

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

// Registrator registers streams and listeners with a Poll and closes it.
// Every method is safe to call from any goroutine.
type Registrator struct {
	sel    *selector
	closed *atomic.Bool
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
