//go:build exercises

package queues

import (
	"fmt"
	"io"
	"os"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/steps/09-queues/console"
	"github.com/nodeexperiment/gonode/steps/09-queues/loop"
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

// later returns a promise that a timer settles after ms milliseconds:
// fulfilled with v, or rejected with v if reject is set.
func later(rt *loop.Runtime, ms int, v any, reject bool) *loop.Promise {
	return rt.NewPromise(func(res, rej func(any)) {
		rt.SetTimeout(ms, func() {
			if reject {
				rej(v)
			} else {
				res(v)
			}
		})
	})
}

// settled runs All on the promises program makes and returns how its
// promise settled: "fulfilled [...]" or "rejected reason", or "" if it
// never did.
func settled(t *testing.T, program func(rt *loop.Runtime) []*loop.Promise) string {
	t.Helper()
	got := ""
	run(t, func(rt *loop.Runtime) {
		All(rt, program(rt)).Then(func(v any) any {
			got = fmt.Sprintf("fulfilled %v", v)
			return nil
		}, func(reason any) any {
			got = fmt.Sprintf("rejected %v", reason)
			return nil
		})
	})
	return got
}

const notDone = "exercise: not done yet: All (exercises/step09-queues/exercise_all.go) "

// TestAllKeepsTheOrderOfItsPromises settles three promises in the order
// b, c, a: the values come in the order a, b, c.
func TestAllKeepsTheOrderOfItsPromises(t *testing.T) {
	got := settled(t, func(rt *loop.Runtime) []*loop.Promise {
		return []*loop.Promise{later(rt, 30, "a", false), later(rt, 10, "b", false), later(rt, 20, "c", false), rt.Resolve("d")}
	})
	switch got {
	case "":
		t.Fatal(notDone + "never settled, with four promises that were all fulfilled")
	case "fulfilled [a b c d]":
	default:
		t.Fatalf("All of promises fulfilled with a, b, c and d (b first, then c, then a) gave %q; want %q", got, "fulfilled [a b c d]")
	}
}

// TestAllRejectsWithTheFirstRejection: the second promise is rejected
// before the others settle; a later rejection changes nothing.
func TestAllRejectsWithTheFirstRejection(t *testing.T) {
	got := settled(t, func(rt *loop.Runtime) []*loop.Promise {
		return []*loop.Promise{later(rt, 30, "a", false), later(rt, 10, "first", true), later(rt, 20, "second", true)}
	})
	if got == "" {
		t.Fatal(notDone + "never settled, with a promise rejected")
	}
	if got != "rejected first" {
		t.Fatalf("All with a promise rejected at 10 ms and another at 20 ms gave %q; want %q", got, "rejected first")
	}
}

// TestAllOfNothing: no promise, fulfilled with an empty slice.
func TestAllOfNothing(t *testing.T) {
	got := settled(t, func(rt *loop.Runtime) []*loop.Promise { return nil })
	if got == "" {
		t.Fatal(notDone + "never settled, with no promise at all")
	}
	if got != "fulfilled []" {
		t.Fatalf("All of no promise gave %q; want %q", got, "fulfilled []")
	}
}
