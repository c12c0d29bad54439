// ANCHOR: pollphase

package loop

import (
	"fmt" //step:one-thread
	"time"

	"github.com/nodeexperiment/gonode/final/console"  //step:streams
	"github.com/nodeexperiment/gonode/final/minimio"  //step:watching
	"github.com/nodeexperiment/gonode/final/timeline" //step:watching
)

//step:before work
// // pollPhase is the poll phase: wait, no longer than pollTimeout says,
// // until a pool thread hands a result over, and run its callback. One
// // result a tick, as in chapter 04: the wait is a receive on
// // rt.results, with a Go timer for the timeout.
// func (rt *Runtime) pollPhase() error {
// 	timeout := rt.pollTimeout()
// 	var expired <-chan time.Time // nil: no timer armed, wait for a result
// 	switch {
// 	case timeout == 0:
// 		select { // no wait: take a result only if one is there
// 		case r := <-rt.results:
// 			rt.finishWork(r)
// 		default:
// 		}
// 		return nil
// 	case timeout > 0:
// 		t := time.NewTimer(timeout)
// 		defer t.Stop()
// 		expired = t.C
// 	}
// 	rt.waits++
// 	select {
// 	case r := <-rt.results:
// 		rt.updateTime() // the wait may have blocked
// 		rt.finishWork(r)
// 	case <-expired:
// 		rt.updateTime()
// 	}
// 	return nil
// }

//step:end work
//step:begin work
//step:before one-thread
// // pollPhase is the poll phase: wait, no longer than pollTimeout says,
// // until a pool thread posts a result, then take the whole inbox and
// // run every callback in it. The wait is a receive on rt.wake, with a
// // Go timer for the timeout. The token is always taken before the
// // inbox: a post that comes after the take leaves a token, which ends
// // the next wait, so no result is left in the inbox while the loop
// // sleeps.
// func (rt *Runtime) pollPhase() error {
// 	if timeout := rt.pollTimeout(); timeout != 0 {
// 		var expired <-chan time.Time // nil: no timer armed, wait for a wake
// 		if timeout > 0 {
// 			t := time.NewTimer(timeout)
// 			defer t.Stop()
// 			expired = t.C
// 		}
// 		rt.waits++
// 		select {
// 		case <-rt.wake:
// 		case <-expired:
// 		}
// 		rt.updateTime() // the wait may have blocked
// 	}
// 	select { // a token left by a post the wait did not take
// 	case <-rt.wake:
// 	default:
// 	}
// 	return rt.runCompletions()
// }

//step:end one-thread
//step:end work
//step:begin one-thread

// pollPhase is the poll phase: tell the OS what the watchers want now,
// wait in the event queue (epoll_wait, kevent, GetQueuedCompletionStatusEx)
// no longer than pollTimeout says, run the callback of each event in the
// order the OS reported them, then the pool's callbacks. The inbox is
// taken whether or not a wake came with this return: the take never
// blocks, and results posted while the loop was busy cost no further
// wait. A wait that would not block, with no watcher and no pool work
// out, is not made: as in libuv's uv__io_poll when nfds is 0, the OS
// has nothing to report.
// With io_uring on, the ring's completions come last (uring.go). //step:uring
func (rt *Runtime) pollPhase() error {
	rt.applyInterest() //step:streams
	// ANCHOR: ringsubmit
	timeout := rt.pollTimeout()
	//step:begin uring
	if err := rt.ringSubmit(&timeout); err != nil {
		return fmt.Errorf("loop: io_uring: %w", err)
	}
	//step:end uring
	// ANCHOR_END: ringsubmit
	// ANCHOR: pollwait
	//step:before streams
	// if timeout != 0 || len(rt.work) > 0 {
	//step:end streams
	if timeout != 0 || len(rt.watchers) > 0 || len(rt.work) > 0 { //step:streams
		rt.waits++
		start := timeline.Now() //step:watching
		err := rt.poll.Poll(&rt.events, timeout)
		if timeout != 0 {
			//step:begin watching
			timeline.Span("main", timeline.Wait, minimio.WaitCall, start)
			//step:end watching
			rt.updateTime() // the wait may have blocked
		}
		if err != nil {
			return fmt.Errorf("loop: event queue: %w", err)
		}
	} else { // libuv's nfds == 0: nothing could be ready, so no epoll_wait
		rt.events = rt.events[:0]
	}
	//step:begin streams
	for _, ev := range rt.events {
		timeline.Mark("main", timeline.OSEvent, int(ev.Token())) //step:watching
		// The original's trace line, printed on every OS.
		console.Printf("main", "epoll event %d is ready", ev.Token())
		rt.runEvent(ev)
	}
	//step:end streams
	// ANCHOR_END: pollwait
	// ANCHOR: ringreap
	if err := rt.runCompletions(); err != nil {
		return err
	}
	rt.reapRing() //step:uring
	// ANCHOR_END: ringreap
	return nil
}

//step:end one-thread

// ANCHOR_END: pollphase

//step:begin work

// ANCHOR: takeinbox

// runCompletions takes the whole inbox, everything the pool threads have
// posted, and runs those callbacks in the order they were posted, as
// libuv's uv__work_done takes every finished request at once.
func (rt *Runtime) runCompletions() error {
	if len(rt.work) == 0 {
		return nil // no task out, so nothing posted: no lock to take
	}
	rt.mu.Lock()
	//step:before one-thread
	// batch := rt.inbox
	//step:end one-thread
	batch, wakeErr := rt.inbox, rt.wakeErr //step:one-thread
	rt.inbox = nil
	rt.mu.Unlock()
	//step:begin one-thread
	if wakeErr != nil {
		return fmt.Errorf("loop: waking the event queue: %w", wakeErr)
	}
	//step:end one-thread
	// ANCHOR: inboxmarks
	for _, r := range batch {
		timeline.Receive("main", "result", r.ID)       //step:watching
		timeline.Mark("main", timeline.Callback, r.ID) //step:watching
		rt.finishWork(r)
	}
	// ANCHOR_END: inboxmarks
	return nil
}

// ANCHOR_END: takeinbox

//step:end work

// ANCHOR: timeout

//step:before one-thread

// // pollTimeout is how long the poll phase may wait (libuv's
// // uv_backend_timeout): not at all when the loop is not alive, or when
// // pending or close callbacks are waiting to run; until the
// // next timer's deadline, counted from the loop's time, when a timer is
// // armed; and forever (-1) when only pool work is out, since a result
// // ends the wait. The loop's time is never ahead of the clock, so the
// // wait never ends before the deadline.
// func (rt *Runtime) pollTimeout() time.Duration {
// 	if !rt.alive() || len(rt.pending) > 0 || len(rt.closing) > 0 {
// 		return 0
// 	}
// 	deadline, ok := rt.nextDeadline()
// 	if !ok {
// 		return -1
// 	}
// 	return max(deadline.Sub(rt.now), 0)
// }

//step:end one-thread
//step:begin one-thread

// pollTimeout is how long the poll phase may wait (libuv's
// uv_backend_timeout): not at all when the loop is not alive, or when
// callbacks are waiting in one of the loop's queues (pending, check or
// close); until the next timer's deadline, counted from the loop's time, when a timer is
// armed; and forever (-1) when only sockets and pool work are pending,
// since both end the wait themselves, with an event or a wake. Poll
// rounds a positive timeout up to whole milliseconds, so a timer fires
// late by up to a millisecond, never early, and the loop never spins
// waiting for it.
func (rt *Runtime) pollTimeout() time.Duration {
	// ANCHOR: nowait
	if !rt.alive() || len(rt.immediates) > 0 || len(rt.pending) > 0 || len(rt.closing) > 0 { //step:timers
		//step:before timers
		// if !rt.alive() || len(rt.pending) > 0 || len(rt.closing) > 0 {
		//step:end timers
		// ANCHOR_END: nowait
		return 0
	}
	deadline, ok := rt.nextDeadline()
	if !ok {
		return -1
	}
	return max(deadline.Sub(rt.now), 0)
}

//step:end one-thread

// ANCHOR_END: timeout
