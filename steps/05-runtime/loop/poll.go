// ANCHOR: pollphase

package loop

import (
	"time"
)

// pollPhase is the poll phase: wait, no longer than pollTimeout says,
// until a pool thread hands a result over, and run its callback. One
// result a tick, as in chapter 04: the wait is a receive on
// rt.results, with a Go timer for the timeout.
func (rt *Runtime) pollPhase() error {
	timeout := rt.pollTimeout()
	var expired <-chan time.Time // nil: no timer armed, wait for a result
	switch {
	case timeout == 0:
		select { // no wait: take a result only if one is there
		case r := <-rt.results:
			rt.finishWork(r)
		default:
		}
		return nil
	case timeout > 0:
		t := time.NewTimer(timeout)
		defer t.Stop()
		expired = t.C
	}
	rt.waits++
	select {
	case r := <-rt.results:
		rt.updateTime() // the wait may have blocked
		rt.finishWork(r)
	case <-expired:
		rt.updateTime()
	}
	return nil
}

// ANCHOR_END: pollphase

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
