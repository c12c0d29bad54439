//go:build exercises

package runtime

import (
	"fmt"
	"io"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/exercises/internal/runjs"
	"github.com/nodeexperiment/gonode/steps/05-runtime/console"
	"github.com/nodeexperiment/gonode/steps/05-runtime/js"
	"github.com/nodeexperiment/gonode/steps/05-runtime/loop"
)

// TestMain silences the runtime's own trace lines.
func TestMain(m *testing.M) {
	console.SetOutput(io.Discard)
	os.Exit(m.Run())
}

// limitRun runs program on a runtime of poolSize threads. A panic in the
// program (the pool refusing a task) fails the test as not done.
func limitRun(t *testing.T, poolSize int, program func(rt *loop.Runtime)) {
	t.Helper()
	runjs.Run(t, func() error {
		rt, err := loop.New(loop.Config{PoolSize: poolSize})
		if err != nil {
			return err
		}
		var refused any
		err = rt.Run(func() {
			defer func() { refused = recover() }()
			program(rt)
		})
		if refused != nil {
			return fmt.Errorf("exercise: not done yet: Limiter.Queue (exercises/step05-runtime/exercise_limit.go) "+
				"must hold back a task while n are out; the pool refused one: %v", refused)
		}
		return err
	})
}

// TestLimitRunsEveryTask queues twenty tasks through a Limiter on a pool
// of three threads: every one runs and calls back once, with its own
// result.
func TestLimitRunsEveryTask(t *testing.T) {
	const n = 20
	got := map[int]int{}
	limitRun(t, 3, func(rt *loop.Runtime) {
		l := NewLimiter(rt, 3)
		for i := range n {
			l.Queue("Square", func() (js.Value, error) {
				time.Sleep(time.Millisecond)
				return js.Int(i * i), nil
			}, func(err error, v js.Value) {
				if err != nil {
					t.Errorf("task %d: %v", i, err)
				}
				sq, _ := v.AsInt()
				got[i] += sq + 1 // +1: a second call back shows
			})
		}
	})
	if len(got) != n {
		t.Fatalf("%d of %d tasks called back", len(got), n)
	}
	for i, v := range got {
		if v != i*i+1 {
			t.Errorf("task %d called back wrongly (or more than once): %d", i, v)
		}
	}
}

// TestLimitKeepsTheLimit queues ten tasks on a pool of two: never more
// than two run at once.
func TestLimitKeepsTheLimit(t *testing.T) {
	var mu sync.Mutex
	running, most, ran := 0, 0, 0
	limitRun(t, 2, func(rt *loop.Runtime) {
		l := NewLimiter(rt, 2)
		for range 10 {
			l.Queue("Busy", func() (js.Value, error) {
				mu.Lock()
				running++
				most = max(most, running)
				mu.Unlock()
				time.Sleep(5 * time.Millisecond)
				mu.Lock()
				running--
				ran++
				mu.Unlock()
				return js.Undefined, nil
			}, func(error, js.Value) {})
		}
	})
	mu.Lock()
	defer mu.Unlock()
	if most > 2 || ran != 10 {
		t.Fatalf("%d of 10 tasks ran, at most %d at once; want 10, at most 2", ran, most)
	}
}

// TestLimitKeepsTheOrder queues ten tasks on a pool of one thread: they
// run, and call back, in the order they were queued.
func TestLimitKeepsTheOrder(t *testing.T) {
	var mu sync.Mutex
	var ran, called []int
	limitRun(t, 1, func(rt *loop.Runtime) {
		l := NewLimiter(rt, 1)
		for i := range 10 {
			l.Queue("Note", func() (js.Value, error) {
				mu.Lock()
				ran = append(ran, i)
				mu.Unlock()
				return js.Undefined, nil
			}, func(error, js.Value) { called = append(called, i) })
		}
	})
	mu.Lock()
	defer mu.Unlock()
	for i := range 10 {
		if i >= len(ran) || i >= len(called) || ran[i] != i || called[i] != i {
			t.Fatalf("tasks ran as %v and called back as %v, want 0 to 9 in order", ran, called)
		}
	}
}
