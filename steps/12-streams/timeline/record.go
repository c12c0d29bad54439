// Package timeline records what the runtime's threads do, and when, and
// draws it as an SVG picture: one lane per thread (main, pool0, ...),
// bars for the time a task runs or a thread waits, marks for
// ticks, timer fires, callbacks, OS events and every printed trace line,
// and arrows where one thread hands work to another.
//
// Recording is off unless Start has been called. The runtime calls the
// functions of this package at the points worth drawing; while recording
// is off each of them costs one atomic load and returns, so the runtime
// needs no flag of its own. The final program turns recording on when
// the environment variable TIMELINE names a file to write the picture to.
//
// Every function and method here is safe to call from any goroutine.
package timeline

import (
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// ANCHOR: kinds

// Kind says what an event is: a mark (a moment) or a span (a stretch of
// time).
type Kind uint8

const (
	// Line marks a trace line printed by the thread (package console
	// records every one).
	Line Kind = iota
	// Tick marks the start of a turn of the loop; its ID is the tick's
	// number.
	Tick
	// TimerFire marks a timer whose callback is about to run; its ID
	// is the timer's.
	TimerFire
	// Callback marks a pool or I/O callback about to run, or an
	// immediate; its ID is the work's or stream's, 0 for an immediate.
	Callback
	// OSEvent marks an event the OS queue returned; its ID is the
	// event's token.
	OSEvent

	// Program is a span: the program's synchronous run, before the
	// first tick.
	Program
	// Task is a span: a pool thread running a task; its Label is the
	// task's name.
	Task
	// Wait is a span: a thread blocked, waiting for work or for an
	// event; its Label says what for.
	Wait
)

// IsSpan reports whether events of kind k are spans rather than marks.
func (k Kind) IsSpan() bool { return k >= Program }

// ANCHOR_END: kinds

// ANCHOR: recorder

// Event is one recorded event. For a mark End equals At.
type Event struct {
	Kind   Kind
	Thread string
	At     time.Duration // since recording started; a span's start
	End    time.Duration // a span's end
	ID     int           // the tick's, timer's, work's or event's number
	Label  string        // a trace line's text, a task's name, what a wait is for
}

// Handoff is work or news passed from one thread to another: a task sent
// to a pool thread, a result posted back to the loop, an OS event passed
// to the loop. Sent is when the sender let go of it, Received when the
// receiver took it.
type Handoff struct {
	From, To       string
	Sent, Received time.Duration
	What           string // "task", "result" or "event"
	ID             int
}

// Recorder holds the events of one recording. Its methods are safe from
// any goroutine.
type Recorder struct {
	start time.Time

	mu       sync.Mutex
	events   []Event                // guarded by mu
	handoffs []Handoff              // guarded by mu
	sent     map[sendKey][]sentItem // handoffs waiting for their receiver, guarded by mu
}

type sendKey struct {
	what string
	id   int
}

type sentItem struct {
	thread string
	at     time.Duration
}

// ANCHOR_END: recorder

// ANCHOR: hooks

var current atomic.Pointer[Recorder]

// Start begins a new recording, replacing any recording in progress, and
// returns its recorder. Safe from any goroutine.
func Start() *Recorder {
	r := &Recorder{start: time.Now(), sent: map[sendKey][]sentItem{}}
	current.Store(r)
	return r
}

// Stop ends the recording in progress and returns its recorder, or nil if
// there was none. Safe from any goroutine.
func Stop() *Recorder { return current.Swap(nil) }

// On reports whether a recording is in progress. Safe from any goroutine.
func On() bool { return current.Load() != nil }

// Now returns the current time while recording, to be handed to Span
// later, and the zero time when not, without reading the clock. Safe
// from any goroutine.
func Now() time.Time {
	if current.Load() == nil {
		return time.Time{}
	}
	return time.Now()
}

// Mark records a mark of kind k on thread, with id. Safe from any
// goroutine.
func Mark(thread string, k Kind, id int) {
	if r := current.Load(); r != nil {
		at := time.Since(r.start)
		r.add(Event{Kind: k, Thread: thread, At: at, End: at, ID: id})
	}
}

// PrintedLine records that thread printed the trace line text. Package
// console calls it once for every line or content block it writes. Safe
// from any goroutine.
func PrintedLine(thread, text string) {
	if r := current.Load(); r != nil {
		at := time.Since(r.start)
		r.add(Event{Kind: Line, Thread: thread, At: at, End: at, Label: text})
	}
}

// Span records a span of kind k on thread, from start (a value Now
// returned) until now. It does nothing when start is zero, that is when
// recording was off at the span's start. Safe from any goroutine.
func Span(thread string, k Kind, label string, start time.Time) {
	r := current.Load()
	if r == nil || start.IsZero() {
		return
	}
	end := time.Since(r.start)
	r.add(Event{Kind: k, Thread: thread, At: max(start.Sub(r.start), 0), End: end, Label: label})
}

// Send records that thread hands over what (a "task", a "result", an
// "event") number id; the Receive with the same what and id, on another
// thread, completes the handoff. Safe from any goroutine.
func Send(thread, what string, id int) {
	if r := current.Load(); r != nil {
		at := time.Since(r.start)
		r.mu.Lock()
		k := sendKey{what, id}
		r.sent[k] = append(r.sent[k], sentItem{thread, at})
		r.mu.Unlock()
	}
}

// Receive records that thread takes what number id, handed over by the
// oldest Send of it not yet received. A Receive without a Send is
// ignored. Safe from any goroutine.
func Receive(thread, what string, id int) {
	if r := current.Load(); r != nil {
		at := time.Since(r.start)
		r.mu.Lock()
		defer r.mu.Unlock()
		k := sendKey{what, id}
		q := r.sent[k]
		if len(q) == 0 {
			return
		}
		s := q[0]
		if len(q) == 1 {
			delete(r.sent, k)
		} else {
			r.sent[k] = q[1:]
		}
		r.handoffs = append(r.handoffs, Handoff{From: s.thread, To: thread, Sent: s.at, Received: at, What: what, ID: id})
	}
}

// ANCHOR_END: hooks

// ANCHOR: readers

// add appends e to the recording, from any goroutine.
func (r *Recorder) add(e Event) {
	r.mu.Lock()
	r.events = append(r.events, e)
	r.mu.Unlock()
}

// Events returns a copy of the events recorded so far, by start time.
func (r *Recorder) Events() []Event {
	r.mu.Lock()
	ev := append([]Event(nil), r.events...)
	r.mu.Unlock()
	sort.SliceStable(ev, func(i, j int) bool { return ev[i].At < ev[j].At })
	return ev
}

// Handoffs returns a copy of the completed handoffs recorded so far.
func (r *Recorder) Handoffs() []Handoff {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Handoff(nil), r.handoffs...)
}

// Threads returns how many threads whose names start with prefix have
// an event ("pool" counts the pool threads that did anything, if only
// exit).
func (r *Recorder) Threads(prefix string) int {
	n := 0
	for _, t := range laneOrder(r.Events()) {
		if strings.HasPrefix(t, prefix) {
			n++
		}
	}
	return n
}

// ANCHOR_END: readers
