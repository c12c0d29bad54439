// ANCHOR: doc

//step:before streams
// // Package minimio is a small cross-platform event queue: epoll on Linux,
// // kqueue on macOS and the BSDs, and IOCP on Windows, behind one API.
// //
// // It retells in Go the "minimio" library of C. F. Samson's book "Epoll,
// // Kqueue and IOCP Explained". One goroutine (usually locked to its own OS
// // thread) calls [Poll.Poll] and blocks until the OS reports an event, the
// // timeout passes, or another goroutine wakes it with a [Waker]; any
// // goroutine can close the queue through a [Registrator], which wakes the
// // blocked Poll at once.
// //
// // # Waking the queue
// //
// // A [Waker] lets another thread interrupt the wait, as libuv's
// // uv_async_send does and as mio's Waker does: Wake makes a blocked Poll
// // return, or the next Poll if none is blocked, and [Poll.Woken] then
// // reports the wake, apart from the events (which may come in the same
// // return). Wakes that arrive before the waiting side has seen one are
// // one wake: only the first of them makes a system call, and Poll drains
// // the signal before it returns, so the next Poll blocks again. What the
// // signal is depends on the OS:
// //
// //   - Linux: an eventfd, a counter in the kernel, registered with the
// //     epoll instance; Wake adds to it and Poll reads it back to zero.
// //   - macOS and the BSDs: a non-blocking pipe whose read end is
// //     registered with the kqueue; Wake writes a byte and Poll reads the
// //     pipe empty. (EVFILT_USER would save the read, but OpenBSD before
// //     7.8 and NetBSD before 10 lack it, x/sys defines it only for macOS,
// //     FreeBSD and DragonFly, and the pipe is one code path that the
// //     macOS CI job covers for every BSD.)
// //   - Windows: a completion packet posted with PostQueuedCompletionStatus
// //     under a key of its own; taking the packet off the port drains it.
// //
// // # The backend contract
// //
// // Each OS mechanism lives in one file with the same shape:
// // selector_epoll.go, selector_kqueue.go and selector_iocp.go. Each defines
// // a type selector with these methods, and nothing else is OS specific:
// //
// //	newSelector() (*selector, error)
// //	    creates the OS queue and whatever the wake needs.
// //	(*selector).wait(events *Events, timeoutMs int) error
// //	    one OS wait. timeoutMs < 0 waits forever, 0 returns at once.
// //	    It empties *events: nothing is registered yet (the streams step
// //	    registers sockets, whose events it puts there); a wake is not
// //	    put in events:
// //	    wait drains it and sets the selector's woke field instead.
// //	    errRetry asks Poll to wait again with the time that is left: an
// //	    interrupted wait (EINTR), or on IOCP a return with only
// //	    completions nobody asked to hear of.
// //	(*selector).wake() error
// //	    makes a blocked or future wait return; safe from any goroutine.
// //	    Waker.Wake and Registrator.Close both use it.
// //	(*selector).close() error
// //	    releases the OS queue and the wake's resources.
// //
// // Errors from system calls are wrapped with the call's name
// // (os.NewSyscallError), so callers can still test them with errors.Is.
// //
//step:end streams
//step:begin streams
//step:before listening
// // Package minimio is a small cross-platform event queue: epoll on Linux,
// // kqueue on macOS and the BSDs, and IOCP on Windows, behind one API.
// //
// // It retells in Go the "minimio" library of C. F. Samson's book "Epoll,
// // Kqueue and IOCP Explained". One goroutine (usually locked to its own OS
// // thread) calls [Poll.Poll] and blocks until the OS reports an event, the
// // timeout passes, or another goroutine wakes it with a [Waker]; any
// // goroutine registers interest through a [Registrator] and can close the
// // queue, which wakes the blocked Poll at once.
// //
// // # Waking the queue
// //
// // A [Waker] lets another thread interrupt the wait, as libuv's
// // uv_async_send does and as mio's Waker does: Wake makes a blocked Poll
// // return, or the next Poll if none is blocked, and [Poll.Woken] then
// // reports the wake, apart from the events (which may come in the same
// // return). Wakes that arrive before the waiting side has seen one are
// // one wake: only the first of them makes a system call, and Poll drains
// // the signal before it returns, so the next Poll blocks again. What the
// // signal is depends on the OS:
// //
// //   - Linux: an eventfd, a counter in the kernel, registered with the
// //     epoll instance; Wake adds to it and Poll reads it back to zero.
// //   - macOS and the BSDs: a non-blocking pipe whose read end is
// //     registered with the kqueue; Wake writes a byte and Poll reads the
// //     pipe empty. (EVFILT_USER would save the read, but OpenBSD before
// //     7.8 and NetBSD before 10 lack it, x/sys defines it only for macOS,
// //     FreeBSD and DragonFly, and the pipe is one code path that the
// //     macOS CI job covers for every BSD.)
// //   - Windows: a completion packet posted with PostQueuedCompletionStatus
// //     under a key of its own; taking the packet off the port drains it.
// //
// // # What an event means on each OS
// //
// // Readiness and completion are different promises:
// //
// //   - epoll (Linux) and kqueue (macOS, BSD) are readiness based: an event
// //     for a token means "a read on this socket will not block now".
// //   - IOCP (Windows) is completion based: registering a stream for reading
// //     starts an overlapped receive into a buffer the stream owns, and the
// //     event means "that receive has finished; the bytes are in the buffer".
// //
// // [TcpStream.Read] hides the difference: after an event, Read returns the
// // data without blocking on every OS.
// //
// // # Reading without blocking
// //
// // One event does not promise the whole message: a server may send its
// // answer in several writes, and an event may even come with nothing to
// // read yet. A stream put in non-blocking mode with
// // [TcpStream.SetNonblocking] never blocks in Read: once the bytes that are
// // there are used up, Read returns [ErrWouldBlock], and the caller waits
// // for the stream's next event; its registration stands. (epoll and
// // kqueue: the socket's EAGAIN. IOCP: the buffer of the last completed
// // receive is used up; Read has started the next receive.)
// //
// // # Writing without blocking
// //
// // In non-blocking mode Write does not block either: it takes what it can
// // at once and returns ErrWouldBlock with the count of what it took, and
// // the caller registers the stream for [Writable] and writes the rest on
// // the event. The two kinds of queue mean different things by it:
// //
// //   - epoll and kqueue: a Writable event means "the socket's send buffer
// //     has room now" (EPOLLOUT, EVFILT_WRITE); Write copies into that
// //     buffer, and ErrWouldBlock is the socket's EAGAIN.
// //   - IOCP: Write on a registered stream copies what it takes (up to
// //     64 KiB) into a send buffer the stream owns and starts an overlapped
// //     send from it; while that send is in flight, Write takes nothing and
// //     returns ErrWouldBlock. A Writable event means "the send in flight has
// //     finished", or, when none was in flight at registration, it is
// //     reported at once, as a readiness queue would. A stream's sends
// //     complete on the port it joins when it is first registered, so
// //     before that a non-blocking Write returns ErrWouldBlock.
// //
// // # Registration stands
// //
// // A registration is a standing interest, level-triggered as libuv's and
// // unlike the original's one-shot: while a source is registered, every
// // Poll reports it for each interest it asked for that is ready (data or
// // an end to read, room to write), until
// // [Registrator.Reregister] changes the interests or
// // [Registrator.Deregister] removes it. A caller that wants the next
// // event only after the current one is handled reads once per
// // event: what is left is reported by the next Poll. Each OS is told
// // only what changes (Linux: EPOLL_CTL_ADD, MOD and DEL, without
// // EPOLLONESHOT; kqueue: EV_ADD and EV_DELETE per filter, one kevent call
// // with EV_RECEIPT for both; IOCP: a stream registered for Readable starts
// // its next receive itself once Read has used up the last one, so there a
// // stream is reported again only after the caller has read, as mio's
// // Windows streams are).
// // An event may still come for an interest just given up, or for a
// // source just deregistered: the caller drops it. [Event.IsReadable] and
// // [Event.IsWritable] say which interest an event is for.
// //
// // # The backend contract
// //
// // Each OS mechanism lives in one file with the same shape:
// // selector_epoll.go, selector_kqueue.go and selector_iocp.go. Each defines
// // a type selector with these methods, and nothing else is OS specific
// // except the socket code in stream_*.go:
// //
// //	newSelector() (*selector, error)
// //	    creates the OS queue and whatever the wake needs.
// //	(*selector).register(src Source, token Token, interests Interests) error
// //	    makes interests src's standing interest, reported with token:
// //	    adds src to the queue, or changes what it is registered for.
// //	(*selector).deregister(src Source) error
// //	    takes src out of the queue.
// //	(*selector).wait(events *Events, timeoutMs int) error
// //	    one OS wait. timeoutMs < 0 waits forever, 0 returns at once.
// //	    It replaces the contents of *events (up to cap(*events)) with
// //	    the events for registered sources; a wake is not put in events:
// //	    wait drains it and sets the selector's woke field instead.
// //	    errRetry asks Poll to wait again with the time that is left: an
// //	    interrupted wait (EINTR), or on IOCP a return with only
// //	    completions nobody asked to hear of.
// //	(*selector).wake() error
// //	    makes a blocked or future wait return; safe from any goroutine.
// //	    Waker.Wake and Registrator.Close both use it.
// //	(*selector).close() error
// //	    releases the OS queue and the wake's resources.
// //
// // Errors from system calls are wrapped with the call's name
// // (os.NewSyscallError), so callers can still test them with errors.Is.
// //
// // TcpStream keeps the original's name; Go's style would write TCPStream
// // (compare net.TCPConn).
//step:end listening
//step:end streams
//step:begin listening

// Package minimio is a small cross-platform event queue: epoll on Linux,
// kqueue on macOS and the BSDs, and IOCP on Windows, behind one API.
//
// It retells in Go the "minimio" library of C. F. Samson's book "Epoll,
// Kqueue and IOCP Explained". One goroutine (usually locked to its own OS
// thread) calls [Poll.Poll] and blocks until the OS reports an event, the
// timeout passes, or another goroutine wakes it with a [Waker]; any
// goroutine registers interest through a [Registrator] and can close the
// queue, which wakes the blocked Poll at once.
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
// # Reading without blocking
//
// One event does not promise the whole message: a server may send its
// answer in several writes, and an event may even come with nothing to
// read yet. A stream put in non-blocking mode with
// [TcpStream.SetNonblocking] never blocks in Read: once the bytes that are
// there are used up, Read returns [ErrWouldBlock], and the caller waits
// for the stream's next event; its registration stands. (epoll and
// kqueue: the socket's EAGAIN. IOCP: the buffer of the last completed
// receive is used up; Read has started the next receive.)
//
// # Writing without blocking
//
// In non-blocking mode Write does not block either: it takes what it can
// at once and returns ErrWouldBlock with the count of what it took, and
// the caller registers the stream for [Writable] and writes the rest on
// the event. The two kinds of queue mean different things by it:
//
//   - epoll and kqueue: a Writable event means "the socket's send buffer
//     has room now" (EPOLLOUT, EVFILT_WRITE); Write copies into that
//     buffer, and ErrWouldBlock is the socket's EAGAIN.
//   - IOCP: Write on a registered stream copies what it takes (up to
//     64 KiB) into a send buffer the stream owns and starts an overlapped
//     send from it; while that send is in flight, Write takes nothing and
//     returns ErrWouldBlock. A Writable event means "the send in flight has
//     finished", or, when none was in flight at registration, it is
//     reported at once, as a readiness queue would. A stream's sends
//     complete on the port it joins when it is first registered, so
//     before that a non-blocking Write returns ErrWouldBlock.
//
// # Listening
//
// [Listen] opens a [TcpListener], which is registered for [Readable] only,
// and [TcpListener.Accept] never blocks: it returns ErrWouldBlock when no
// connection is there to take.
//
//   - epoll and kqueue: the listener's event means "a connection is
//     waiting in the listen queue; accept will not block".
//   - IOCP: registering the listener starts an overlapped AcceptEx into a
//     new socket, and the event means "that accept has finished": Accept
//     then returns the connection it took (or how it failed), and
//     starts the next AcceptEx.
//
// Accepted streams are in non-blocking mode, with Nagle's algorithm off
// (TCP_NODELAY), as Go's net package does.
//
// # Registration stands
//
// A registration is a standing interest, level-triggered as libuv's and
// unlike the original's one-shot: while a source is registered, every
// Poll reports it for each interest it asked for that is ready (data or
// an end to read, a connection to accept, room to write), until
// [Registrator.Reregister] changes the interests or
// [Registrator.Deregister] removes it. A caller that wants the next
// event only after the current one is handled reads (or accepts) once
// per event: what is left is reported by the next Poll. Each OS is told
// only what changes (Linux: EPOLL_CTL_ADD, MOD and DEL, without
// EPOLLONESHOT; kqueue: EV_ADD and EV_DELETE per filter, one kevent call
// with EV_RECEIPT for both; IOCP: a stream registered for Readable starts
// its next receive itself once Read has used up the last one, and a
// listener its next AcceptEx once Accept has taken the last connection,
// so there a source is reported again only after the caller has read or
// accepted, as mio's Windows streams are).
// An event may still come for an interest just given up, or for a
// source just deregistered: the caller drops it. [Event.IsReadable] and
// [Event.IsWritable] say which interest an event is for.
//
// # The backend contract
//
// Each OS mechanism lives in one file with the same shape:
// selector_epoll.go, selector_kqueue.go and selector_iocp.go. Each defines
// a type selector with these methods, and nothing else is OS specific
// except the socket code in stream_*.go and listener_*.go:
//
//	newSelector() (*selector, error)
//	    creates the OS queue and whatever the wake needs.
//	(*selector).register(src Source, token Token, interests Interests) error
//	    makes interests src's standing interest, reported with token:
//	    adds src to the queue, or changes what it is registered for.
//	(*selector).deregister(src Source) error
//	    takes src out of the queue.
//	(*selector).wait(events *Events, timeoutMs int) error
//	    one OS wait. timeoutMs < 0 waits forever, 0 returns at once.
//	    It replaces the contents of *events (up to cap(*events)) with
//	    the events for registered sources; a wake is not put in events:
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
//
// TcpStream and TcpListener keep the original's names; Go's style would
// write TCPStream and TCPListener (compare net.TCPConn).
//
//step:end listening
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

//step:begin streams

// ErrReservedToken is returned by Register for WakeToken.
var ErrReservedToken = errors.New("minimio: token is reserved for the wake-up")

//step:end streams

// Interests says which kind of readiness a registration waits for.
type Interests uint8

// The interests a stream can be registered with.
const (
	// Readable asks for an event when the stream has data to read (or,
	// on Windows, when a receive into the stream's buffer has finished).
	Readable Interests = 1 << iota
	//step:begin streams
	// Writable asks for an event when a write would not block (or, on
	// Windows, when the stream's overlapped send has finished). The
	// original only implemented Readable; this version does both, for
	// streams. A listener can only be registered for Readable.
	Writable
	//step:end streams
)

// IsReadable reports whether i includes Readable.
func (i Interests) IsReadable() bool { return i&Readable != 0 }

//step:begin streams

// IsWritable reports whether i includes Writable.
func (i Interests) IsWritable() bool { return i&Writable != 0 }

//step:end streams

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

//step:begin streams

// IsWritable reports whether the event is for Writable: a write would
// not block now (on Windows, the overlapped send has finished).
func (e Event) IsWritable() bool { return e.kind.IsWritable() }

//step:end streams

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

//step:begin streams

// ErrUnsupported is returned by Register for interests that the source
// cannot have: none at all, an unknown bit, or Writable for a listener.
var ErrUnsupported = errors.New("minimio: interest not supported")

//step:end streams

//step:begin streams

// ANCHOR: wouldblock

// ErrWouldBlock is returned by Read on a stream in non-blocking mode when
// no data is there yet, by Write in non-blocking mode when it cannot take
// more now, and by Accept when no connection is waiting: register the
// source for the matching interest and try again after its event. It is
// what EAGAIN (EWOULDBLOCK) means on Unix.
var ErrWouldBlock = errors.New("minimio: would block; register and wait for the event")

// ANCHOR_END: wouldblock

//step:end streams

//step:begin streams

// ErrNotRegistered is returned by Reregister for a source that is not
// registered.
var ErrNotRegistered = errors.New("minimio: source not registered")

//step:end streams

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

//step:begin streams

// Source is what a Registrator registers: a *TcpStream or a
// *TcpListener. Its unexported method keeps other types out, since each
// backend must know the socket behind a source.
type Source interface {
	// Close closes the socket, which takes it out of the queue; an
	// event already on its way may still come, which the caller should
	// ignore.
	Close() error
	// registered reports whether the source is in a queue.
	registered() bool
}

//step:end streams

//step:begin streams

// Register makes interests the standing interest of src, reported with
// token: for a stream, Readable, Writable or both; for a listener,
// Readable only (a connection to accept). Registering a source that is
// registered already changes its interests and token, as Reregister. It
// returns ErrClosed once the queue is closed, ErrUnsupported for
// interests the source cannot have, and ErrReservedToken for WakeToken.
func (r *Registrator) Register(src Source, token Token, interests Interests) error {
	if err := r.check(src, token, interests); err != nil {
		return err
	}
	return r.sel.register(src, token, interests)
}

//step:end streams

//step:begin streams

// Reregister changes the interests and the token of a registered source.
// It returns ErrNotRegistered for a source that is not registered, and
// Register's errors.
func (r *Registrator) Reregister(src Source, token Token, interests Interests) error {
	if err := r.check(src, token, interests); err != nil {
		return err
	}
	if !src.registered() {
		return ErrNotRegistered
	}
	return r.sel.register(src, token, interests)
}

//step:end streams

//step:begin streams

// Deregister takes src out of the queue: it is reported no more, but for
// an event already on its way. Deregistering a source that is not
// registered does nothing. It returns ErrClosed once the queue is closed.
func (r *Registrator) Deregister(src Source) error {
	if r.closed.Load() {
		return ErrClosed
	}
	if src == nil || !src.registered() {
		return nil
	}
	return r.sel.deregister(src)
}

//step:end streams

//step:begin streams

// check returns the error Register and Reregister give for their
// arguments, if any.
func (r *Registrator) check(src Source, token Token, interests Interests) error {
	if r.closed.Load() {
		return ErrClosed
	}
	if interests == 0 || interests&^(Readable|Writable) != 0 {
		return ErrUnsupported
	}
	if token == WakeToken {
		return ErrReservedToken
	}
	switch src.(type) {
	case *TcpStream:
		return nil
	//step:begin listening
	case *TcpListener:
		if interests != Readable {
			return ErrUnsupported
		}
		return nil
		//step:end listening
	}
	return ErrUnsupported // a nil Source
}

//step:end streams

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
