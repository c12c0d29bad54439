//go:build exercises

package timers

import (
	"io"
	"os"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/steps/08-timers/console"
	"github.com/nodeexperiment/gonode/steps/08-timers/loop"
)

// TestMain silences the runtime's own trace lines.
func TestMain(m *testing.M) {
	console.SetOutput(io.Discard)
	os.Exit(m.Run())
}

// run runs program on a new runtime of the step and fails the test if Run
// fails or does not return within 20 s.
func run(t *testing.T, program func(rt *loop.Runtime)) {
	t.Helper()
	rt, err := loop.New(loop.Config{})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- rt.Run(func() { program(rt) }) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the runtime did not finish within 20 s")
	}
}

// TestDebounceRunsOnceAfterTheBurst calls the debounced function five
// times, 10 ms apart, with a wait of 40 ms: f must run once, at least
// 40 ms after the last call.
func TestDebounceRunsOnceAfterTheBurst(t *testing.T) {
	var runs []time.Time
	var last time.Time
	run(t, func(rt *loop.Runtime) {
		call := Debounce(rt, 40, func() { runs = append(runs, time.Now()) })
		n := 0
		var next func()
		next = func() {
			call()
			last = time.Now()
			if n++; n < 5 {
				rt.SetTimeout(10, next)
			}
		}
		next()
	})
	switch {
	case len(runs) == 0:
		t.Fatal("exercise: not done yet: Debounce (exercises/step08-timers/exercise_debounce.go) never ran f after a burst of five calls")
	case len(runs) > 1:
		t.Fatalf("f ran %d times for one burst of five calls 10 ms apart, with a wait of 40 ms; want once", len(runs))
	case runs[0].Sub(last) < 40*time.Millisecond:
		t.Fatalf("f ran %v after the last call; want at least the wait, 40 ms", runs[0].Sub(last))
	}
}

// TestDebounceRunsAgainAfterAQuietTime calls it, lets the wait end, and
// calls it again: two bursts, two runs.
func TestDebounceRunsAgainAfterAQuietTime(t *testing.T) {
	runs := 0
	run(t, func(rt *loop.Runtime) {
		call := Debounce(rt, 10, func() { runs++ })
		call()
		rt.SetTimeout(60, call)
	})
	if runs != 2 {
		t.Fatalf("exercise: not done yet: Debounce (exercises/step08-timers/exercise_debounce.go) ran f %d times for two bursts 60 ms apart, with a wait of 10 ms; want 2", runs)
	}
}
