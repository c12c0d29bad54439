package loop_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/steps/10-puzzles/internal/looptest"
	"github.com/nodeexperiment/gonode/steps/10-puzzles/js"
	"github.com/nodeexperiment/gonode/steps/10-puzzles/loop"
)

// TestRecursiveNextTickStarvesTimers: a nextTick that queues itself keeps
// a due timer and a finished pool task waiting until it stops, as in
// Node; the bound (it stops after 20 ms and 10,000 ticks) ends the test.
func TestRecursiveNextTickStarvesTimers(t *testing.T) {
	n, atTimer, atWork := 0, 0, 0
	looptest.Run(t, func(rt *loop.Runtime) {
		rt.SetTimeout(1, func() { atTimer = n })
		rt.QueueWork("quick", func() (js.Value, error) { return js.Undefined, nil },
			func(error, js.Value) { atWork = n })
		start := time.Now()
		var again func()
		again = func() {
			n++
			if n < 10000 || time.Since(start) < 20*time.Millisecond {
				rt.NextTick(again)
			}
		}
		rt.NextTick(again)
	})
	if atTimer != n || atWork != n {
		t.Fatalf("the timer ran after %d ticks and the pool callback after %d, want both after all %d", atTimer, atWork, n)
	}
}

// TestLongIntervalCallbackNoBurst: an interval whose first call takes
// three periods does not then fire calls back to back to catch up: each
// call starts one period after the previous call started, as in Node
// (lib/internal/timers.js re-inserts the timer from the time taken before
// its callback). Re-arming from the old deadline instead makes the next
// calls due at once, a gap near 0, and fails this test. Only a lower
// bound is checked, half a period, for a loaded machine.
func TestLongIntervalCallbackNoBurst(t *testing.T) {
	const period = 20 * time.Millisecond
	var starts []time.Time
	looptest.Run(t, func(rt *loop.Runtime) {
		var iv *loop.Timer
		iv = rt.SetInterval(int(period/time.Millisecond), func() {
			starts = append(starts, time.Now())
			if len(starts) == 1 {
				time.Sleep(3 * period)
			}
			if len(starts) == 4 {
				rt.ClearInterval(iv)
			}
		})
	})
	for i := 2; i < len(starts); i++ {
		if gap := starts[i].Sub(starts[i-1]); gap < period/2 {
			t.Errorf("call %d started %v after call %d: a catch-up burst", i+1, gap, i)
		}
	}
}

// TestOverflowWarning: a delay above MaxDelay prints Node's
// TimeoutOverflowWarning, in Node's words, where SetWarningOutput says,
// and the timer fires after 1 ms, before a 50 ms one.
func TestOverflowWarning(t *testing.T) {
	var warnings strings.Builder
	var order []string
	looptest.Run(t, func(rt *loop.Runtime) {
		rt.SetWarningOutput(&warnings)
		rt.SetTimeout(50, func() { order = append(order, "50 ms") })
		rt.SetTimeout(loop.MaxDelay+1, func() { order = append(order, "overflow") })
		rt.SetTimeout(loop.MaxDelay, func() { t.Error("a timer of MaxDelay fired") }).Unref()
	})
	want := ") TimeoutOverflowWarning: 2147483648 does not fit into a 32-bit signed integer.\nTimeout duration was set to 1.\n"
	if got := warnings.String(); !strings.HasPrefix(got, "(") || !strings.HasSuffix(got, want) || strings.Count(got, "Warning") != 1 {
		t.Errorf("warned %q, want one line ending %q", got, want)
	}
	if !slices.Equal(order, []string{"overflow", "50 ms"}) {
		t.Errorf("fired %v, want the overflowing timer first", order)
	}
}

// TestZeroTimeoutAgainstImmediate: from the program, a 0 ms timeout is a
// 1 ms one, so it never fires sooner than 1 ms after it was set, and the
// immediate runs in the first tick's check phase, whichever comes first
// (in Node the order varies; here the immediate nearly always wins, but
// only what always holds is checked). Inside a pool callback, the
// immediate always runs first: the check phase follows the poll phase.
func TestZeroTimeoutAgainstImmediate(t *testing.T) {
	var order []string
	var set, fired time.Time
	immediateTick := 0
	looptest.Run(t, func(rt *loop.Runtime) {
		set = time.Now()
		rt.SetTimeout(0, func() { fired = time.Now() })
		rt.SetImmediate(func() { immediateTick = rt.Ticks() })
		rt.QueueWork("io", func() (js.Value, error) { return js.Undefined, nil }, func(error, js.Value) {
			rt.SetTimeout(0, func() { order = append(order, "timeout") })
			rt.SetImmediate(func() { order = append(order, "immediate") })
		})
	})
	if d := fired.Sub(set); d < time.Millisecond {
		t.Errorf("the 0 ms timeout fired %v after it was set, want at least 1 ms", d)
	}
	if immediateTick != 1 {
		t.Errorf("the program's immediate ran in tick %d, want 1", immediateTick)
	}
	if !slices.Equal(order, []string{"immediate", "timeout"}) {
		t.Errorf("inside the pool callback: %v, want the immediate first", order)
	}
}
