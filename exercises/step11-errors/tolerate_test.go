//go:build exercises

package uncaught

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/steps/11-errors/console"
	"github.com/nodeexperiment/gonode/steps/11-errors/loop"
)

// TestMain silences the runtime's own trace lines.
func TestMain(m *testing.M) {
	console.SetOutput(io.Discard)
	os.Exit(m.Run())
}

// panics runs, on a new runtime, a program that calls Tolerate(n), adds
// an exit hook, and sets five timers 5 ms apart, each of which panics
// with "boom K", and a sixth, later, that sets nothing. It returns what
// Run returned, the lines logged, the code the exit hook got, and
// whether the sixth timer ran.
func panics(t *testing.T, n int) (err error, logged []string, hookCode int, sixth bool) {
	t.Helper()
	rt, err := loop.New(loop.Config{})
	if err != nil {
		t.Fatal(err)
	}
	hookCode = -1
	done := make(chan error, 1)
	go func() {
		done <- rt.Run(func() {
			Tolerate(rt, n, func(s string) { logged = append(logged, s) })
			rt.OnExit(func(code int) { hookCode = code })
			for k := 1; k <= 5; k++ {
				rt.SetTimeout(5*k, func() { panic(fmt.Sprintf("boom %d", k)) })
			}
			rt.SetTimeout(40, func() { sixth = true })
		})
	}()
	select {
	case err = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("the runtime did not finish within 20 s")
	}
	return err, logged, hookCode, sixth
}

// booms returns the messages of the first k panics.
func booms(k int) []string {
	var out []string
	for i := 1; i <= k; i++ {
		out = append(out, fmt.Sprintf("Uncaught panic: boom %d", i))
	}
	return out
}

// TestTolerateEndsAtTheLimit: with a limit of 3, three errors are logged,
// the run ends with code 70, the exit hook sees 70, and nothing after the
// third runs.
func TestTolerateEndsAtTheLimit(t *testing.T) {
	err, logged, hookCode, sixth := panics(t, 3)
	if u, ok := errors.AsType[*loop.UncaughtError](err); ok {
		t.Fatalf("exercise: not done yet: Tolerate (exercises/step11-errors/exercise_tolerate.go) set no handler that kept the run going: it ended with %v", u)
	}
	if e, ok := errors.AsType[*loop.ExitError](err); !ok || e.Code != 70 {
		t.Fatalf("Run returned %v; want an *ExitError with code 70", err)
	}
	if !slices.Equal(logged, booms(3)) {
		t.Fatalf("logged %q; want %q", logged, booms(3))
	}
	if hookCode != 70 || sixth {
		t.Fatalf("the exit hook got %d and the later timer ran: %v; want 70 and false", hookCode, sixth)
	}
}

// TestTolerateGoesOnBelowTheLimit: with a limit of 10, all five errors are
// logged and the run goes on to its end, with code 0.
func TestTolerateGoesOnBelowTheLimit(t *testing.T) {
	err, logged, hookCode, sixth := panics(t, 10)
	if u, ok := errors.AsType[*loop.UncaughtError](err); ok {
		t.Fatalf("exercise: not done yet: Tolerate (exercises/step11-errors/exercise_tolerate.go) set no handler that kept the run going: it ended with %v", u)
	}
	if err != nil || !slices.Equal(logged, booms(5)) || hookCode != 0 || !sixth {
		t.Fatalf("Run returned %v, logged %q, the exit hook got %d, the later timer ran: %v; want nil, %q, 0, true", err, logged, hookCode, sixth, booms(5))
	}
}
