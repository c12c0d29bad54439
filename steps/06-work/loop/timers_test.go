package loop

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/steps/06-work/js"
)

// TestTimersNeverEarlyAndInOrder sets timers with equal and different
// deadlines: they fire by deadline, equal deadlines in the order they
// were set, and none before its deadline.
func TestTimersNeverEarlyAndInOrder(t *testing.T) {
	var names strings.Builder
	runProgram(t, Config{}, func(rt *Runtime) {
		for _, tm := range []struct {
			name string
			ms   int
		}{{"a", 40}, {"b", 0}, {"c", 40}, {"d", 20}, {"e", 0}, {"f", 40}, {"g", 20}} {
			deadline := time.Now().Add(time.Duration(tm.ms) * time.Millisecond)
			rt.SetTimeout(tm.ms, func() {
				names.WriteString(tm.name)
				if early := time.Until(deadline); early > 0 {
					t.Errorf("timer %s fired %v before its deadline", tm.name, early)
				}
			})
		}
	})
	if got, want := names.String(), "bedgacf"; got != want {
		t.Fatalf("timers fired in the order %q, want %q", got, want)
	}
}

// The three regression tests below guard against the timing flaws of the
// book's original, which chapter 03 describes and fixes.

// TestTimersFireWithNoIO: a program with a timer and nothing else must
// wake up for it (the original waited forever).
func TestTimersFireWithNoIO(t *testing.T) {
	fired := false
	runProgram(t, Config{}, func(rt *Runtime) {
		rt.SetTimeout(30, func() { fired = true })
	})
	if !fired {
		t.Fatal("the timer never fired")
	}
}

// TestNearerTimerSetDuringAWait: a timer set by a callback while the loop
// has a later timer must be noticed without anything else waking the
// loop (the original slept through it until a pool task finished).
func TestNearerTimerSetDuringAWait(t *testing.T) {
	var order []string
	sleep := func(d time.Duration) func() (js.Value, error) {
		return func() (js.Value, error) { time.Sleep(d); return js.Undefined, nil }
	}
	runProgram(t, Config{}, func(rt *Runtime) {
		rt.SetTimeout(2000, func() { order = append(order, "2000 ms timer") })
		rt.QueueWork("Sleep", sleep(100*time.Millisecond), func(error, js.Value) {
			rt.SetTimeout(50, func() { order = append(order, "50 ms timer") })
		})
		rt.QueueWork("Sleep", sleep(600*time.Millisecond), func(error, js.Value) {
			order = append(order, "600 ms task")
		})
	})
	want := []string{"50 ms timer", "600 ms task", "2000 ms timer"}
	if !slices.Equal(order, want) {
		t.Fatalf("callbacks ran as %q, want %q", order, want)
	}
}

// TestNoBusyLoopBeforeATimer: the wait for a timer must not be cut short
// and repeated (the original rounded the last millisecond down to 0 and
// spun thousands of empty ticks).
func TestNoBusyLoopBeforeATimer(t *testing.T) {
	rt := runProgram(t, Config{}, func(rt *Runtime) {
		rt.SetTimeout(30, func() {})
	})
	if rt.Ticks() > 3 {
		t.Fatalf("one 30 ms timer took %d ticks; a loop that waits properly needs at most 3", rt.Ticks())
	}
}
