package loop

import (
	"io"
	"os"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/steps/15-writing/console"
)

func TestMain(m *testing.M) {
	console.SetOutput(io.Discard)
	os.Exit(m.Run())
}

// runLimit is how long a test run may take before it counts as a hang.
// It is generous on purpose: it only catches a loop that never ends.
const runLimit = 60 * time.Second

// runProgram runs program on a new runtime with cfg and fails the test
// if Run returns an error or does not return within runLimit.
func runProgram(t *testing.T, cfg Config, program func(rt *Runtime)) *Runtime {
	t.Helper()
	rt, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := runWithLimit(t, rt, program); err != nil {
		t.Fatal(err)
	}
	return rt
}

// runWithLimit runs program on rt and returns what Run returned, failing
// the test if Run does not return within runLimit.
func runWithLimit(t *testing.T, rt *Runtime, program func(rt *Runtime)) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- rt.Run(func() { program(rt) }) }()
	select {
	case err := <-done:
		return err
	case <-time.After(runLimit):
		t.Fatalf("the runtime did not finish within %v", runLimit)
	}
	return nil
}
