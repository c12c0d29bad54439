// ANCHOR: pollphase

package loop

import (
	"fmt"
	"time"

	"github.com/nodeexperiment/gonode/steps/12-streams/console"
)

// pollPhase is the poll phase: tell the OS what the watchers want now,
// wait in the event queue (epoll_wait, kevent, GetQueuedCompletionStatusEx)
// no longer than pollTimeout says, run the callback of each event in the
// order the OS reported them, then the pool's callbacks. The inbox is
// taken whether or not a wake came with this return: the take never
// blocks, and results posted while the loop was busy cost no further
// wait. A wait that would not block, with no watcher and no pool work
// out, is not made: as in libuv's uv__io_poll when nfds is 0, the OS
// has nothing to report.
func (rt *Runtime) pollPhase() error {
	rt.applyInterest()
	// ANCHOR: ringsubmit
	timeout := rt.pollTimeout()
	// ANCHOR_END: ringsubmit
	// ANCHOR: pollwait
	if timeout != 0 || len(rt.watchers) > 0 || len(rt.work) > 0 {
		rt.waits++
		err := rt.poll.Poll(&rt.events, timeout)
		if timeout != 0 {
			rt.updateTime() // the wait may have blocked
		}
		if err != nil {
			return fmt.Errorf("loop: event queue: %w", err)
		}
	} else { // libuv's nfds == 0: nothing could be ready, so no epoll_wait
		rt.events = rt.events[:0]
	}
	for _, ev := range rt.events {
		// The original's trace line, printed on every OS.
		console.Printf("main", "epoll event %d is ready", ev.Token())
		rt.runEvent(ev)
	}
	// ANCHOR_END: pollwait
	// ANCHOR: ringreap
	if err := rt.runCompletions(); err != nil {
		return err
	}
	// ANCHOR_END: ringreap
	return nil
}

// ANCHOR_END: pollphase

// ANCHOR: takeinbox

// runCompletions takes the whole inbox, everything the pool threads have
// posted, and runs those callbacks in the order they were posted, as
// libuv's uv__work_done takes every finished request at once.
func (rt *Runtime) runCompletions() error {
	if len(rt.work) == 0 {
		return nil // no task out, so nothing posted: no lock to take
	}
	rt.mu.Lock()
	batch, wakeErr := rt.inbox, rt.wakeErr
	rt.inbox = nil
	rt.mu.Unlock()
	if wakeErr != nil {
		return fmt.Errorf("loop: waking the event queue: %w", wakeErr)
	}
	// ANCHOR: inboxmarks
	for _, r := range batch {
		rt.finishWork(r)
	}
	// ANCHOR_END: inboxmarks
	return nil
}

// ANCHOR_END: takeinbox

// ANCHOR: timeout

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
	if !rt.alive() || len(rt.immediates) > 0 || len(rt.pending) > 0 || len(rt.closing) > 0 {
		// ANCHOR_END: nowait
		return 0
	}
	deadline, ok := rt.nextDeadline()
	if !ok {
		return -1
	}
	return max(deadline.Sub(rt.now), 0)
}

// ANCHOR_END: timeout
