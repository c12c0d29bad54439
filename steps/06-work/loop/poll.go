// ANCHOR: pollphase

package loop

import (
	"time"
)

// pollPhase is the poll phase: wait, no longer than pollTimeout says,
// until a pool thread posts a result, then take the whole inbox and
// run every callback in it. The wait is a receive on rt.wake, with a
// Go timer for the timeout. The token is always taken before the
// inbox: a post that comes after the take leaves a token, which ends
// the next wait, so no result is left in the inbox while the loop
// sleeps.
func (rt *Runtime) pollPhase() error {
	if timeout := rt.pollTimeout(); timeout != 0 {
		var expired <-chan time.Time // nil: no timer armed, wait for a wake
		if timeout > 0 {
			t := time.NewTimer(timeout)
			defer t.Stop()
			expired = t.C
		}
		rt.waits++
		select {
		case <-rt.wake:
		case <-expired:
		}
		rt.updateTime() // the wait may have blocked
	}
	select { // a token left by a post the wait did not take
	case <-rt.wake:
	default:
	}
	return rt.runCompletions()
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
	batch := rt.inbox
	rt.inbox = nil
	rt.mu.Unlock()
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
// pending or close callbacks are waiting to run; until the
// next timer's deadline, counted from the loop's time, when a timer is
// armed; and forever (-1) when only pool work is out, since a result
// ends the wait. The loop's time is never ahead of the clock, so the
// wait never ends before the deadline.
func (rt *Runtime) pollTimeout() time.Duration {
	if !rt.alive() || len(rt.pending) > 0 || len(rt.closing) > 0 {
		return 0
	}
	deadline, ok := rt.nextDeadline()
	if !ok {
		return -1
	}
	return max(deadline.Sub(rt.now), 0)
}

// ANCHOR_END: timeout
