package loop

import (
	"runtime"
	"strconv"
	"testing"

	"github.com/nodeexperiment/gonode/steps/17-uring/js"
)

// These tests are not parallel (t.Setenv forbids it), so no other
// runtime of this package's tests runs beside theirs.

func TestRunAddsAProcForTheLoopThread(t *testing.T) {
	t.Setenv("GOMAXPROCS", "") // unset, as far as the runtime can tell
	before := runtime.GOMAXPROCS(0)
	if during := procsWithPoolWork(t); during != before+1 {
		t.Errorf("GOMAXPROCS during Run = %d, want %d (one more than before)", during, before+1)
	}
	if after := runtime.GOMAXPROCS(0); after != before {
		t.Errorf("GOMAXPROCS after Run = %d, want it given back: %d", after, before)
	}
}

func TestTwoRuntimesAddTwoProcs(t *testing.T) {
	t.Setenv("GOMAXPROCS", "")
	before := runtime.GOMAXPROCS(0)
	var during int
	runProgram(t, Config{}, func(rt *Runtime) {
		queueNothing(rt)
		runProgram(t, Config{}, func(rt *Runtime) {
			queueNothing(rt)
			queueNothing(rt) // a second task adds nothing more
			during = runtime.GOMAXPROCS(0)
		})
	})
	if during != before+2 {
		t.Errorf("GOMAXPROCS with two runtimes running = %d, want %d", during, before+2)
	}
	if after := runtime.GOMAXPROCS(0); after != before {
		t.Errorf("GOMAXPROCS after both = %d, want %d", after, before)
	}
}

func TestGOMAXPROCSFromTheEnvironmentIsKept(t *testing.T) {
	before := runtime.GOMAXPROCS(0)
	t.Setenv("GOMAXPROCS", strconv.Itoa(before))
	if during := procsWithPoolWork(t); during != before {
		t.Errorf("GOMAXPROCS during Run = %d, want the environment's %d", during, before)
	}
}

func TestGOMAXPROCSSetDuringRunIsLeftAlone(t *testing.T) {
	t.Setenv("GOMAXPROCS", "")
	before := runtime.GOMAXPROCS(0)
	t.Cleanup(func() { runtime.GOMAXPROCS(before) })
	runProgram(t, Config{}, func(rt *Runtime) {
		queueNothing(rt)
		runtime.GOMAXPROCS(before + 5)
	})
	if after := runtime.GOMAXPROCS(0); after != before+5 {
		t.Errorf("GOMAXPROCS after Run = %d, want the program's %d", after, before+5)
	}
}

func TestARunWithoutPoolWorkAddsNoProc(t *testing.T) {
	t.Setenv("GOMAXPROCS", "")
	before := runtime.GOMAXPROCS(0)
	var during int
	runProgram(t, Config{}, func(rt *Runtime) {
		rt.SetTimeout(0, func() { during = runtime.GOMAXPROCS(0) })
	})
	if during != before {
		t.Errorf("GOMAXPROCS during a run with no pool work = %d, want %d", during, before)
	}
}

// procsWithPoolWork runs a program that gives the pool a task and
// returns GOMAXPROCS as the program saw it after that.
func procsWithPoolWork(t *testing.T) (during int) {
	t.Helper()
	runProgram(t, Config{}, func(rt *Runtime) {
		queueNothing(rt)
		during = runtime.GOMAXPROCS(0)
	})
	return during
}

// queueNothing gives rt's pool an empty task.
func queueNothing(rt *Runtime) {
	rt.QueueWork("nothing", func() (js.Value, error) { return js.Undefined, nil }, func(error, js.Value) {})
}
