// Package looptest runs programs on a runtime for the modules' tests.
package looptest

import (
	"io"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/final/console"
	"github.com/nodeexperiment/gonode/final/loop"
)

// Run runs program on a new default runtime with the trace silenced, and
// fails the test if Run returns an error or does not return within a
// minute. It must not be used by parallel tests.
func Run(t *testing.T, program func(rt *loop.Runtime)) {
	t.Helper()
	saved := console.SetOutput(io.Discard)
	defer console.SetOutput(saved)
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
	case <-time.After(time.Minute):
		t.Fatal("the runtime did not finish within a minute")
	}
}
