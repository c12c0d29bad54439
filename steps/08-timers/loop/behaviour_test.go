package loop_test

import (
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/steps/08-timers/loop"
)

// These tests hold behaviours of final/loop that a mutation of its code
// once changed without any test noticing. They use only the public API.

// TestIntervalAfterALongTimerCountsFromItsOwnCall: a timer whose callback
// takes 60 ms and an interval of 40 ms are due in the same timers phase
// (both set for 40 ms, and overdue when the loop starts), while
// immediates keep the loop turning.
// The interval's next run is counted from its own call, after the long
// callback, not from the start of the phase: at least 40 ms apart.
func TestIntervalAfterALongTimerCountsFromItsOwnCall(t *testing.T) {
	var calls []time.Time
	err := runNet(t, func(rt *loop.Runtime) {
		rt.SetTimeout(40, func() { time.Sleep(60 * time.Millisecond) })
		var iv *loop.Timer
		iv = rt.SetInterval(40, func() { // due with the timer; set after it, it runs after it
			if calls = append(calls, time.Now()); len(calls) == 2 {
				rt.ClearInterval(iv)
			}
		})
		time.Sleep(50 * time.Millisecond) // both are overdue when the first timers phase begins
		var spin func()                   // immediates keep the poll phase from waiting, so each tick reads the clock
		spin = func() {
			if len(calls) < 2 {
				rt.SetImmediate(spin)
			}
		}
		rt.SetImmediate(spin)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != 2 {
		t.Fatalf("%d calls", len(calls))
	}
	// The loop reads the clock just before it calls the interval, and the
	// callback stamps calls[0] a little later, so the gap may fall short
	// of 40 ms by those microseconds; counted from before the long
	// callback, it would be about 0.
	if gap := calls[1].Sub(calls[0]); gap < 35*time.Millisecond {
		t.Fatalf("the interval ran again %v after its call, want about 40 ms: counted from before the long callback", gap)
	}
}

// TestPendingAddedByAPendingRunsWithoutWaiting: a pending callback adds
// another; the poll phase must not block while it waits (libuv's
// uv_backend_timeout is 0 then), even with a timer 10 s away, so the
// second runs on the next turn, long before the timer.
func TestPendingAddedByAPendingRunsWithoutWaiting(t *testing.T) {
	var took time.Duration
	err := runNet(t, func(rt *loop.Runtime) {
		far := rt.SetTimeout(10_000, func() { t.Error("the far timer ran") })
		start := time.Now()
		rt.AddPending(func() {
			rt.AddPending(func() {
				took = time.Since(start)
				rt.ClearTimeout(far)
			})
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if took > 5*time.Second {
		t.Fatalf("the pending callback added by a pending callback ran after %v: the poll phase waited for the timer", took)
	}
}
