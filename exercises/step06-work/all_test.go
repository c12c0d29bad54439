//go:build exercises

package work

import (
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/exercises/internal/runjs"
	"github.com/nodeexperiment/gonode/steps/06-work/console"
	"github.com/nodeexperiment/gonode/steps/06-work/js"
	"github.com/nodeexperiment/gonode/steps/06-work/loop"
)

// TestMain silences the runtime's own trace lines.
func TestMain(m *testing.M) {
	console.SetOutput(io.Discard)
	os.Exit(m.Run())
}

// run runs program on a new runtime of poolSize threads, failing t as
// runjs does.
func run(t *testing.T, poolSize int, program func(rt *loop.Runtime)) {
	t.Helper()
	runjs.Run(t, func() error {
		rt, err := loop.New(loop.Config{PoolSize: poolSize})
		if err != nil {
			return err
		}
		return rt.Run(func() { program(rt) })
	})
}

// TestAllReturnsEveryResultInOrder runs fifty tasks on three threads,
// which finish in no particular order, and wants one call back with the
// fifty results in index order.
func TestAllReturnsEveryResultInOrder(t *testing.T) {
	const n = 50
	calls := 0
	var got []js.Value
	var gotErr error
	run(t, 3, func(rt *loop.Runtime) {
		All(rt, "Square", n, func(i int) (js.Value, error) {
			time.Sleep(time.Duration(n-i) * 100 * time.Microsecond)
			return js.Int(i * i), nil
		}, func(err error, results []js.Value) {
			calls++
			got, gotErr = results, err
		})
	})
	if gotErr != nil {
		t.Fatal(gotErr)
	}
	if calls != 1 || len(got) != n {
		t.Fatalf("exercise: not done yet: cb was called %d times with %d results; want once, with %d", calls, len(got), n)
	}
	for i, v := range got {
		if sq, _ := v.AsInt(); sq != i*i {
			t.Fatalf("exercise: not done yet: result %d is %v, want %d", i, v, i*i)
		}
	}
}

// TestAllReportsAnErrorOnce runs twenty tasks of which two fail: cb is
// called once, with one of the two errors, and never again.
func TestAllReportsAnErrorOnce(t *testing.T) {
	calls := 0
	var gotErr error
	run(t, 2, func(rt *loop.Runtime) {
		All(rt, "Check", 20, func(i int) (js.Value, error) {
			if i == 5 || i == 15 {
				return js.Undefined, fmt.Errorf("task %d failed", i)
			}
			return js.Int(i), nil
		}, func(err error, results []js.Value) {
			calls++
			gotErr = err
		})
	})
	if calls != 1 {
		t.Fatalf("exercise: not done yet: cb was called %d times; want once", calls)
	}
	if gotErr == nil || strings.Contains(gotErr.Error(), "not done yet") {
		t.Fatalf("exercise: not done yet: cb got %v; want the error of task 5 or 15", gotErr)
	}
	if msg := gotErr.Error(); msg != "task 5 failed" && msg != "task 15 failed" {
		t.Fatalf("cb got %v; want the error of task 5 or 15", gotErr)
	}
}
