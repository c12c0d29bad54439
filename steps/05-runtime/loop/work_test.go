package loop

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/nodeexperiment/gonode/steps/05-runtime/js"
	"github.com/nodeexperiment/gonode/steps/05-runtime/pool"
)

// TestFifthTaskIsRefused queues five tasks on the default four
// threads. The pool has no queue, so the fifth is refused: QueueWork
// panics, here caught by the program itself, and the four others run.
func TestFifthTaskIsRefused(t *testing.T) {
	var refused any
	calls := 0
	runProgram(t, Config{}, func(rt *Runtime) {
		gate := make(chan struct{})
		defer close(gate)
		defer func() { refused = recover() }()
		for range 5 {
			rt.QueueWork("Wait", func() (js.Value, error) { <-gate; return js.Undefined, nil }, func(error, js.Value) { calls++ })
		}
	})
	if !strings.Contains(fmt.Sprint(refused), "busy") {
		t.Fatalf("the fifth QueueWork panicked with %v, want a panic saying every thread is busy", refused)
	}
	if calls != 4 {
		t.Fatalf("%d callbacks ran, want the four tasks that had a thread", calls)
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
