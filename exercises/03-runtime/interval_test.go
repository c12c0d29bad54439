//go:build exercises

package main

import (
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/exercises/internal/runjs"
)

// runJS runs program on a new runtime; see runjs.Program.
func runJS(t *testing.T, program func()) {
	t.Helper()
	runjs.Program(t, NewRuntime, program)
}

// TestIntervalRunsUntilCleared clears a 20 ms interval from its own fifth
// call; each call must come no earlier than 20 ms after the previous one
// began, and the run must then end.
func TestIntervalRunsUntilCleared(t *testing.T) {
	var calls []time.Time
	var start time.Time
	runJS(t, func() {
		start = time.Now()
		var id int
		id = SetInterval(20, func(Js) {
			calls = append(calls, time.Now())
			if len(calls) == 5 {
				ClearInterval(id)
			}
		})
	})
	if len(calls) != 5 {
		t.Fatalf("the interval ran %d times, want 5 (it was cleared in its fifth call)", len(calls))
	}
	prev := start
	for i, c := range calls {
		if gap := c.Sub(prev); gap < 20*time.Millisecond {
			t.Errorf("call %d came %v after the one before (or after SetInterval): earlier than 20 ms", i+1, gap)
		}
		prev = c
	}
}

// TestIntervalClearedByATimeout lets a 10 ms interval run until a 55 ms
// timeout clears it: it must have run at least once (its first deadline
// comes before the timeout's) and never after the clear.
func TestIntervalClearedByATimeout(t *testing.T) {
	calls, cleared, late := 0, false, 0
	runJS(t, func() {
		id := SetInterval(10, func(Js) {
			calls++
			if cleared {
				late++
			}
		})
		SetTimeout(55, func(Js) {
			ClearInterval(id)
			cleared = true
		})
	})
	if calls == 0 || late > 0 {
		t.Fatalf("the interval ran %d times, %d of them after ClearInterval: want at least once, and never after", calls, late)
	}
}

// TestIntervalClearedBeforeItsFirstCall clears an interval in the same callback that
// set it: it must never run.
func TestIntervalClearedBeforeItsFirstCall(t *testing.T) {
	calls := 0
	runJS(t, func() {
		id := SetInterval(5, func(Js) { calls++ })
		ClearInterval(id)
		ClearInterval(id) // twice is fine
		ClearInterval(12345)
	})
	if calls != 0 {
		t.Fatalf("an interval cleared before its first deadline ran %d times", calls)
	}
}

// TestIntervalTwoShareTheLoop runs two intervals with a pool task between
// them; each keeps its own period, and the run ends once both are cleared.
func TestIntervalTwoShareTheLoop(t *testing.T) {
	var fast, slow []time.Time
	task := false
	runJS(t, func() {
		var a, b int
		a = SetInterval(15, func(Js) {
			if fast = append(fast, time.Now()); len(fast) == 4 {
				ClearInterval(a)
			}
		})
		b = SetInterval(40, func(Js) {
			if slow = append(slow, time.Now()); len(slow) == 2 {
				ClearInterval(b)
			}
		})
		current.registerEventThreadpool(func() Js { return JsInt(fibonacci(20)) }, Encrypt, func(Js) { task = true })
	})
	if len(fast) != 4 || len(slow) != 2 || !task {
		t.Fatalf("the 15 ms interval ran %d times (want 4), the 40 ms one %d (want 2), the task ran: %v", len(fast), len(slow), task)
	}
	for i := 1; i < len(fast); i++ {
		if gap := fast[i].Sub(fast[i-1]); gap < 15*time.Millisecond {
			t.Errorf("the 15 ms interval ran again after %v", gap)
		}
	}
	if gap := slow[1].Sub(slow[0]); gap < 40*time.Millisecond {
		t.Errorf("the 40 ms interval ran again after %v", gap)
	}
}
