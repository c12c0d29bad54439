package loop_test

import (
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/final/loop"
)

//step:begin timers

// runNet runs program on a new runtime and returns what Run returned,
// failing the test if Run has not returned after a minute.
func runNet(t *testing.T, program func(rt *loop.Runtime)) error {
	t.Helper()
	rt, err := loop.New(loop.Config{})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- rt.Run(func() { program(rt) }) }()
	select {
	case err := <-done:
		return err
	case <-time.After(time.Minute):
		t.Fatal("the runtime did not finish within a minute")
	}
	return nil
}

//step:end timers
