package loop

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/steps/10-puzzles/js"
	"github.com/nodeexperiment/gonode/steps/10-puzzles/pool"
)

// TestHundredTasksAllComplete queues 100 tasks at once on the default
// four threads: they wait in the queue, and every one of them runs and
// calls back exactly once. (Chapter 04's runtime, with no queue, stops
// with "out of threads" at the fifth.)
func TestHundredTasksAllComplete(t *testing.T) {
	const n = 100
	got := make(map[int]int)
	runProgram(t, Config{}, func(rt *Runtime) {
		for i := range n {
			rt.QueueWork("Square", func() (js.Value, error) {
				return js.Int(i * i), nil
			}, func(err error, v js.Value) {
				if err != nil {
					t.Errorf("task %d: %v", i, err)
				}
				sq, _ := v.AsInt()
				got[i] = sq
			})
		}
	})
	if len(got) != n {
		t.Fatalf("%d of %d callbacks ran", len(got), n)
	}
	for i, sq := range got {
		if sq != i*i {
			t.Errorf("task %d called back with %d, want %d", i, sq, i*i)
		}
	}
}

// TestQueueIsFirstInFirstOut uses one thread, so tasks run one at a time
// and must run in the order they were queued.
func TestQueueIsFirstInFirstOut(t *testing.T) {
	var mu sync.Mutex
	var ran, called []int
	runProgram(t, Config{PoolSize: 1}, func(rt *Runtime) {
		for i := range 20 {
			rt.QueueWork("Note", func() (js.Value, error) {
				mu.Lock()
				defer mu.Unlock()
				ran = append(ran, i)
				return js.Undefined, nil
			}, func(error, js.Value) { called = append(called, i) })
		}
	})
	mu.Lock()
	defer mu.Unlock()
	for i := range 20 {
		if i >= len(ran) || ran[i] != i || called[i] != i {
			t.Fatalf("tasks ran as %v and called back as %v, want 0 to 19 in order", ran, called)
		}
	}
}

// TestPoolSizeIsUsed checks that a pool of three runs three tasks at
// once (the first three wait for each other, which would hang with
// fewer threads) and never more.
func TestPoolSizeIsUsed(t *testing.T) {
	var running, most atomic.Int32
	var barrier sync.WaitGroup
	barrier.Add(3)
	runProgram(t, Config{PoolSize: 3}, func(rt *Runtime) {
		for i := range 9 {
			rt.QueueWork("Busy", func() (js.Value, error) {
				now := running.Add(1)
				defer running.Add(-1)
				for m := most.Load(); now > m && !most.CompareAndSwap(m, now); m = most.Load() {
				}
				if i < 3 {
					barrier.Done()
					barrier.Wait()
				}
				time.Sleep(10 * time.Millisecond)
				return js.Undefined, nil
			}, func(error, js.Value) {})
		}
	})
	if most.Load() != 3 {
		t.Fatalf("at most %d tasks ran at once on a pool of 3", most.Load())
	}
}

// TestPanicInWorkIsAnError checks that a panicking task reaches its
// callback as an error, and that the runtime carries on.
func TestPanicInWorkIsAnError(t *testing.T) {
	var got error
	after := false
	runProgram(t, Config{PoolSize: 1}, func(rt *Runtime) {
		rt.QueueWork("Crash", func() (js.Value, error) { panic("bad input") }, func(err error, v js.Value) {
			got = err
			rt.QueueWork("Next", func() (js.Value, error) { return js.Undefined, nil }, func(error, js.Value) { after = true })
		})
	})
	pe, ok := errors.AsType[*pool.PanicError](got)
	if !ok || !strings.Contains(pe.Error(), "bad input") {
		t.Fatalf("callback got %v, want a *pool.PanicError about %q", got, "bad input")
	}
	if !after {
		t.Fatal("the task queued after the panic never called back")
	}
}

// TestBatching lets 64 tasks finish while the program is still running
// (so before the first tick) and checks that the loop takes all their
// results in one wake-up: a tick or two, not one tick per result.
func TestBatching(t *testing.T) {
	const n = 64
	calls := 0
	rt := runProgram(t, Config{PoolSize: n}, func(rt *Runtime) {
		var started sync.WaitGroup
		started.Add(n)
		gate := make(chan struct{})
		for range n {
			rt.QueueWork("Wait", func() (js.Value, error) {
				started.Done()
				<-gate
				return js.Undefined, nil
			}, func(error, js.Value) { calls++ })
		}
		started.Wait()
		close(gate)
		waitForInbox(t, rt, n)
	})
	if calls != n {
		t.Fatalf("%d of %d callbacks ran", calls, n)
	}
	if rt.Ticks() > n/8 {
		t.Fatalf("%d results that were all in took %d ticks; one wake-up should take them all", n, rt.Ticks())
	}
}

// waitForInbox waits until the inbox holds n entries, for a test that
// needs everything to have arrived before the loop looks. It runs on the
// loop's goroutine, so it reports a failure with Errorf, not Fatalf.
func waitForInbox(t *testing.T, rt *Runtime, n int) {
	t.Helper()
	deadline := time.Now().Add(runLimit / 2)
	for {
		rt.mu.Lock()
		got := len(rt.inbox)
		rt.mu.Unlock()
		if got >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Errorf("only %d of %d results arrived", got, n)
			return
		}
		time.Sleep(time.Millisecond)
	}
}

func TestConfigFromEnv(t *testing.T) {
	for _, tc := range []struct {
		value string
		want  int
	}{{"", DefaultPoolSize}, {"8", 8}, {" 2 ", 2}, {"1", 1}, {"1024", 1024}} {
		t.Setenv(EnvPoolSize, tc.value)
		cfg, err := ConfigFromEnv()
		if err != nil || cfg.PoolSize != tc.want {
			t.Errorf("%s=%q gave %+v, %v; want pool size %d", EnvPoolSize, tc.value, cfg, err, tc.want)
		}
	}
	for _, bad := range []string{"four", "0", "-1", "1025", "2.5"} {
		t.Setenv(EnvPoolSize, bad)
		if _, err := ConfigFromEnv(); err == nil || !strings.Contains(err.Error(), EnvPoolSize) {
			t.Errorf("%s=%q gave error %v, want one that names the variable", EnvPoolSize, bad, err)
		}
	}
}

func TestNewRejectsBadPoolSize(t *testing.T) {
	for _, n := range []int{-1, MaxPoolSize + 1} {
		if _, err := New(Config{PoolSize: n}); err == nil {
			t.Errorf("New accepted a pool of %d", n)
		}
	}
}

// TestPhaseOrder sets one of each kind of callback, in the reverse of
// the order the phases run them, and lets the pool result arrive before
// the first tick: the tick runs the timer, the pending callback, the
// pool callback (poll) and the immediate (check), in that order.
func TestPhaseOrder(t *testing.T) {
	var got []string
	rt := runProgram(t, Config{}, func(rt *Runtime) {
		rt.SetImmediate(func() { got = append(got, "check") })
		rt.QueueWork("Nothing", func() (js.Value, error) { return js.Undefined, nil },
			func(error, js.Value) { got = append(got, "poll") })
		rt.AddPending(func() { got = append(got, "pending") })
		rt.SetTimeout(0, func() { got = append(got, "timers") })
		waitForInbox(t, rt, 1)
		time.Sleep(2 * time.Millisecond) // the 0 ms timer waits 1 ms: make it due before the first tick
	})
	if want := []string{"timers", "pending", "poll", "check"}; !slices.Equal(got, want) {
		t.Fatalf("callbacks ran as %q, want %q", got, want)
	}
	if rt.Ticks() != 1 {
		t.Fatalf("the four callbacks took %d ticks, want 1", rt.Ticks())
	}
}
