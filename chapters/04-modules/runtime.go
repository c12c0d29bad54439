package main

import (
	"errors"
	"fmt"
	"runtime"
	"time"

	"github.com/nodeexperiment/gonode/chapters/04-modules/minimio"
)

// ANCHOR: pollevent

// PollEventKind says where a PollEvent comes from.
type PollEventKind int

// The three sources of events.
const (
	// ThreadpoolEvent: a pool thread finished a task.
	ThreadpoolEvent PollEventKind = iota
	// EpollEvent: the OS event queue reported a registered stream.
	EpollEvent
	// TimeoutEvent: the main thread's wait ran until the next timer.
	TimeoutEvent
)

// PollEvent is what the main thread wakes up for.
type PollEvent struct {
	Kind   PollEventKind
	Result Result        // for ThreadpoolEvent
	Token  minimio.Token // for EpollEvent
}

// ANCHOR_END: pollevent

// ANCHOR: runtime

// Runtime is the event loop. All of its state belongs to the main thread:
// only the main thread runs the program, the callbacks and the loop, so
// none of it needs a lock. The other threads talk to it through events.
type Runtime struct {
	// availableThreads are the pool threads that are free, used as a
	// stack (the last one freed is used next).
	availableThreads []int
	// callbacksToRun are the callbacks whose results are in, in the order
	// they will run.
	callbacksToRun []scheduled
	// callbacks holds every registered callback by its id until it runs.
	callbacks map[int]func(Js)
	// epollPendingEvents counts the streams still waiting for their event
	// (bookkeeping only, as in the original).
	epollPendingEvents int
	// registrator registers streams with the event queue.
	registrator *minimio.Registrator
	// poll is the event queue, polled by the epoll thread.
	poll *minimio.Poll
	// epollThread receives the epoll thread's last word when it exits.
	epollThread chan error
	// events is the one channel on which the pool threads and the epoll
	// thread hand their events to the main thread.
	events chan PollEvent
	// identityToken is the last callback id handed out.
	identityToken int
	// pendingEvents counts everything still to come: timers, pool tasks
	// and streams. The loop runs while it is above zero.
	pendingEvents int
	// pool runs blocking tasks.
	pool *Pool
	// timers are ordered by deadline, then by registration.
	timers timerHeap
	// ticks counts the turns of the loop.
	ticks int
}

// scheduled is a callback that is ready to run, with its argument.
type scheduled struct {
	id    int
	value Js
}

// ANCHOR_END: runtime

// ANCHOR: global

// current is the runtime that Run is running. Module functions such as
// SetTimeout reach it here instead of taking it as a parameter, which keeps
// the program looking like JavaScript. It is safe because only the main
// thread touches it, and only between the start and the end of Run;
// calling SetTimeout from a pool thread, or outside Run, would break that.
var current *Runtime

// ANCHOR_END: global

// ANCHOR: new

// NewRuntime starts the four pool threads and the epoll thread.
func NewRuntime() (*Runtime, error) {
	poll, err := minimio.New()
	if err != nil {
		return nil, err
	}
	rt := &Runtime{
		availableThreads: []int{0, 1, 2, 3},
		callbacks:        make(map[int]func(Js)),
		registrator:      poll.Registrator(),
		poll:             poll,
		epollThread:      make(chan error, 1),
		events:           make(chan PollEvent, 64),
	}
	rt.pool = NewPool(4, func(r Result) {
		rt.events <- PollEvent{Kind: ThreadpoolEvent, Result: r}
	})
	go epollThread(poll, rt.events, rt.epollThread)
	return rt, nil
}

// ANCHOR_END: new

// ANCHOR: epollthread

// epollThread is the body of the epoll thread: it blocks in Poll with no
// timeout (timers are the main thread's business now) and forwards every
// event to the main thread until the queue is closed.
func epollThread(poll *minimio.Poll, events chan<- PollEvent, done chan<- error) {
	runtime.LockOSThread() // never unlocked: the OS thread exits with us
	list := minimio.NewEvents(1024)
	for {
		err := poll.Poll(&list, -1)
		if errors.Is(err, minimio.ErrClosed) {
			print("epoll", "received event of type: Close")
			done <- nil
			return
		}
		if err != nil {
			done <- err
			return
		}
		for _, ev := range list {
			print("epoll", fmt.Sprintf("epoll event %d is ready", ev.Token()))
			events <- PollEvent{Kind: EpollEvent, Token: ev.Token()}
		}
	}
}

// ANCHOR_END: epollthread

// ANCHOR: run

// Run runs program, then turns the loop until nothing is pending, then
// shuts the threads down. Each turn (a tick) goes through Node's phases in
// Node's order.
func (rt *Runtime) Run(program func()) error {
	current = rt
	defer func() { current = nil }()
	program()
	for rt.pendingEvents > 0 {
		rt.ticks++
		print("main", fmt.Sprintf("===== TICK %d =====", rt.ticks))
		rt.runTimers()    // 1. timers whose deadline has passed
		rt.runCallbacks() // 2. run what phase 1 scheduled
		rt.idlePrepare()  // 3. idle, prepare
		if rt.pendingEvents == 0 {
			break
		}
		rt.pollEvents()     // 4. poll: wait for one event
		rt.runCallbacks()   //    and run what it made ready
		rt.check()          // 5. check (setImmediate)
		rt.closeCallbacks() // 6. close callbacks
	}
	err := rt.shutdown()
	print("main", "FINISHED")
	return err
}

// ANCHOR_END: run

// ANCHOR: timers

// runTimers schedules the callback of every timer whose deadline has
// passed, earliest first.
func (rt *Runtime) runTimers() {
	now := time.Now()
	for rt.timers.Len() > 0 && !rt.timers.peek().deadline.After(now) {
		t := rt.timers.popFirst()
		rt.callbacksToRun = append(rt.callbacksToRun, scheduled{id: t.callbackID})
	}
}

// ANCHOR_END: timers

// ANCHOR: callbacks

// runCallbacks runs the scheduled callbacks in order. A long callback
// holds up everything else: this is the "don't block the event loop" of
// Node.
func (rt *Runtime) runCallbacks() {
	for len(rt.callbacksToRun) > 0 {
		next := rt.callbacksToRun[0]
		rt.callbacksToRun = rt.callbacksToRun[1:]
		cb := rt.callbacks[next.id]
		delete(rt.callbacks, next.id)
		rt.pendingEvents--
		cb(next.value)
	}
}

// ANCHOR_END: callbacks

// idlePrepare is where libuv runs its idle and prepare handles, which Node
// uses internally. Our runtime has none.
func (rt *Runtime) idlePrepare() {}

// ANCHOR: poll

// pollEvents waits for the next event from the pool or the epoll thread,
// but no longer than until the earliest timer is due, and schedules the
// callback the event belongs to.
func (rt *Runtime) pollEvents() {
	var ev PollEvent
	if wait, ok := rt.nextTimeout(); ok {
		timer := time.NewTimer(wait)
		select {
		case ev = <-rt.events:
		case <-timer.C:
			ev = PollEvent{Kind: TimeoutEvent}
		}
		timer.Stop()
	} else {
		ev = <-rt.events
	}
	switch ev.Kind {
	case ThreadpoolEvent:
		rt.callbacksToRun = append(rt.callbacksToRun, scheduled{id: ev.Result.CallbackID, value: ev.Result.Value})
		rt.availableThreads = append(rt.availableThreads, ev.Result.Thread)
	case EpollEvent:
		rt.callbacksToRun = append(rt.callbacksToRun, scheduled{id: int(ev.Token)})
		rt.epollPendingEvents--
	case TimeoutEvent:
		// Nothing to do: the next tick's timer phase finds the timer due.
	}
}

// ANCHOR_END: poll

// ANCHOR: nexttimeout

// nextTimeout returns how long the poll phase may wait: until the earliest
// timer's deadline (zero if it has passed), or, with no timers, forever
// (ok is false). The wait is a Go timer, which is never rounded down to
// zero (on Linux, Go's runtime rounds a sub-millisecond wait up to 1 ms), so
// there is no busy loop.
func (rt *Runtime) nextTimeout() (wait time.Duration, ok bool) {
	if rt.timers.Len() == 0 {
		return 0, false
	}
	return max(time.Until(rt.timers.peek().deadline), 0), true
}

// ANCHOR_END: nexttimeout

// check is where Node runs setImmediate callbacks. Our runtime has none.
func (rt *Runtime) check() {}

// closeCallbacks is where Node runs "close" event handlers. Our runtime
// has none.
func (rt *Runtime) closeCallbacks() {}

// ANCHOR: shutdown

// shutdown stops and joins every thread: the pool threads one by one, then
// the epoll thread, which Close wakes from its wait.
func (rt *Runtime) shutdown() error {
	rt.pool.Close()
	if err := rt.registrator.Close(); err != nil {
		return err
	}
	err := <-rt.epollThread
	return errors.Join(err, rt.poll.Close())
}

// ANCHOR_END: shutdown

// ANCHOR: infrastructure

// generateIdentity returns a callback id that is not in use. Ids start at
// 1, as in the original.
func (rt *Runtime) generateIdentity() int {
	for {
		rt.identityToken++
		if _, taken := rt.callbacks[rt.identityToken]; !taken {
			return rt.identityToken
		}
	}
}

// addCallback stores cb under a new id and returns the id.
func (rt *Runtime) addCallback(cb func(Js)) int {
	id := rt.generateIdentity()
	rt.callbacks[id] = cb
	return id
}

// ANCHOR: registerepoll

// registerEventEpoll stores cb under token, which the caller has already
// registered with the event queue.
func (rt *Runtime) registerEventEpoll(token int, cb func(Js)) {
	rt.callbacks[token] = cb
	print("main", fmt.Sprintf("Event with id: %d registered.", token))
	rt.pendingEvents++
	rt.epollPendingEvents++
}

// ANCHOR_END: registerepoll

// ANCHOR: dispatch

// registerEventThreadpool sends task to a free pool thread; cb gets its
// result on the main thread. Like the original, this runtime has no queue
// for tasks: with every thread busy it stops with "out of threads"
// (final/ adds the queue).
func (rt *Runtime) registerEventThreadpool(task func() Js, kind TaskKind, cb func(Js)) {
	id := rt.addCallback(cb)
	if len(rt.availableThreads) == 0 {
		panic("out of threads: every pool thread is busy, and this runtime has no task queue")
	}
	thread := rt.availableThreads[len(rt.availableThreads)-1]
	rt.availableThreads = rt.availableThreads[:len(rt.availableThreads)-1]
	rt.pool.Send(thread, Task{Run: task, CallbackID: id, Kind: kind})
	rt.pendingEvents++
}

// ANCHOR_END: dispatch
// ANCHOR: callbackerror

// callBackWithError schedules cb to run with err with the other callbacks
// waiting to run: in the next tick when the program calls it, in this
// tick when a callback does. A module that fails before it could start
// its work still calls back later, never from inside the call that
// failed: Node promises
// callers that a callback never runs before the function that took it
// has returned.
func (rt *Runtime) callBackWithError(cb func(Js), err error) {
	id := rt.addCallback(cb)
	rt.callbacksToRun = append(rt.callbacksToRun, scheduled{id: id, value: JsError(err)})
	rt.pendingEvents++
}

// ANCHOR_END: callbackerror

// ANCHOR_END: infrastructure

// ANCHOR: settimeout

// SetTimeout runs cb on the main thread once ms milliseconds have passed,
// never earlier. Timers with the same deadline run in the order they were
// set. It must be called on the main thread, inside Run.
func SetTimeout(ms int, cb func(Js)) {
	rt := current
	id := rt.addCallback(cb)
	rt.timers.add(time.Now().Add(time.Duration(ms)*time.Millisecond), id)
	rt.pendingEvents++
	print("main", fmt.Sprintf("Registered timer event id: %d", id))
}

// ANCHOR_END: settimeout
