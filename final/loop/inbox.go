// ANCHOR: completion

package loop

import (
	"fmt"
	"time"

	"github.com/nodeexperiment/gonode/final/console"
	"github.com/nodeexperiment/gonode/final/minimio"
	"github.com/nodeexperiment/gonode/final/pool"
	"github.com/nodeexperiment/gonode/final/timeline"
)

// completion is one entry of the inbox: a pool result, or the failure
// of the wake that should have announced it.
type completion struct {
	result  pool.Result
	wakeErr error
}

// ANCHOR_END: completion

// ANCHOR: post

// post puts c in the inbox and wakes the loop. Safe from any goroutine;
// the pool threads call it with each result. The waker coalesces: when a
// wake is already on its way and the loop has not yet drained it, Wake
// makes no system call, and one wake brings the loop every result posted
// before it takes the inbox.
func (rt *Runtime) post(c completion) {
	rt.mu.Lock()
	rt.inbox = append(rt.inbox, c)
	rt.mu.Unlock()
	if err := rt.waker.Wake(); err != nil {
		// Not expected while the pool runs (the queue is closed only
		// after the pool is joined); the loop finds it on its next look.
		rt.mu.Lock()
		rt.inbox = append(rt.inbox, completion{wakeErr: err})
		rt.mu.Unlock()
	}
}

// ANCHOR_END: post

// ANCHOR: pollphase

// pollPhase is the poll phase, and its wait is the loop thread's own, in
// the OS event queue (epoll_wait, kevent, GetQueuedCompletionStatusEx),
// for no longer than pollTimeout says. When Poll returns, the stream
// events it brought run their callbacks at once, in the order the OS
// reported them; then the phase takes the whole inbox, everything the
// pool threads have posted, and runs those callbacks in the order they
// were posted. The inbox is taken whether or not a wake came with this
// return: the take never blocks, and results posted while the loop was
// busy cost no further wait. libuv does the same: one wake-up, and
// uv__work_done takes every finished request at once; epoll_wait returns
// up to 1024 events. A wait that would not block, with no stream
// watched and no pool work out, is not made: as in libuv's uv__io_poll
// when nfds is 0, the OS has nothing to report (the ring's completions,
// if any, are reaped without it).
func (rt *Runtime) pollPhase() error {
	timeout := rt.pollTimeout()
	if err := rt.ringSubmit(&timeout); err != nil {
		return fmt.Errorf("loop: io_uring: %w", err)
	}
	if timeout != 0 || len(rt.watches) > 0 || len(rt.work) > 0 {
		rt.waits++
		start := timeline.Now()
		err := rt.poll.Poll(&rt.events, timeout)
		if timeout != 0 {
			timeline.Span("main", timeline.Wait, minimio.WaitCall, start)
		}
		if err != nil {
			return fmt.Errorf("loop: event queue: %w", err)
		}
	} else { // libuv's nfds == 0: nothing could be ready, so no epoll_wait
		rt.events = rt.events[:0]
	}
	for _, ev := range rt.events {
		timeline.Mark("main", timeline.OSEvent, int(ev.Token()))
		console.Printf("main", "epoll event %d is ready", ev.Token())
		rt.runWatch(ev.Token())
	}
	// ANCHOR: takeinbox
	rt.mu.Lock()
	batch := rt.inbox
	rt.inbox = nil
	rt.mu.Unlock()
	for _, c := range batch {
		if c.wakeErr != nil {
			return fmt.Errorf("loop: waking the event queue: %w", c.wakeErr)
		}
		timeline.Receive("main", "result", c.result.ID)
		timeline.Mark("main", timeline.Callback, c.result.ID)
		rt.finishWork(c.result)
	}
	// ANCHOR_END: takeinbox
	rt.reapRing()
	return nil
}

// ANCHOR_END: pollphase

// ANCHOR: timeout

// pollTimeout is how long the poll phase may wait (libuv's
// uv_backend_timeout): not at all when nothing is pending, or when
// immediates or pending callbacks are waiting to run; until the next
// timer's deadline when a timer is armed (not at all if it has passed);
// and forever (-1) when only streams and pool work are pending, since
// both end the wait themselves, with an event or a wake. Poll rounds a
// positive timeout up to whole milliseconds, never down, so a timer
// 300 µs away is waited for 1 ms: it fires late by up to a millisecond,
// never early, and the loop never spins waiting for it.
func (rt *Runtime) pollTimeout() time.Duration {
	if !rt.alive() || len(rt.immediates) > 0 || len(rt.pending) > 0 {
		return 0
	}
	deadline, ok := rt.nextDeadline()
	if !ok {
		return -1
	}
	return max(time.Until(deadline), 0)
}

// ANCHOR_END: timeout
