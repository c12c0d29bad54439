// Package looptest runs programs on a runtime for the modules' tests.
package looptest

import (
	"io"
	"runtime"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/steps/17-uring/console"
	"github.com/nodeexperiment/gonode/steps/17-uring/loop"
)

// Run runs program on a new default runtime with the trace silenced, and
// fails the test if Run returns an error or does not return within a
// minute. It must not be used by parallel tests.
func Run(t *testing.T, program func(rt *loop.Runtime)) {
	t.Helper()
	RunWithin(t, time.Minute, program)
}

// RunWithin is Run with a time limit of its own. The loop thread is a
// goroutine locked to its OS thread, as in the book's example.
func RunWithin(t *testing.T, limit time.Duration, program func(rt *loop.Runtime)) {
	t.Helper()
	saved := console.SetOutput(io.Discard)
	defer console.SetOutput(saved)
	rt, err := loop.New(loop.Config{})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		done <- rt.Run(func() { program(rt) })
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(limit):
		t.Fatalf("the runtime did not finish within %v", limit)
	}
}
