package loop

import (
	"errors"
	"strings" //step:errors
	"testing"

	"github.com/nodeexperiment/gonode/final/js" //step:errors
)

//step:begin errors

// TestPanicInCallbackIsUncaught: a panic in a timer callback stops the
// loop (the later timer never fires) and Run returns an *UncaughtError
// with the panic's value and a stack that shows where it happened, after
// waiting for the pool task that was running.
func TestPanicInCallbackIsUncaught(t *testing.T) {
	rt, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	workDone := false
	err = runWithLimit(t, rt, func(rt *Runtime) {
		rt.QueueWork("Slow", func() (js.Value, error) {
			workDone = true // read after Run: Run joins the pool threads first
			return js.Undefined, nil
		}, func(error, js.Value) {})
		rt.SetTimeout(0, func() { panic(boom) })
		rt.SetTimeout(50, func() { t.Error("a timer fired after the uncaught panic") })
	})
	u, ok := errors.AsType[*UncaughtError](err)
	if !ok {
		t.Fatalf("Run returned %v, want an *UncaughtError", err)
	}
	if !errors.Is(err, boom) || u.Error() != "Uncaught panic: boom" {
		t.Errorf("the error is %q and does not wrap the panic's error", u.Error())
	}
	lines := strings.Split(string(u.Stack), "\n")
	if len(lines) < 3 || !strings.HasPrefix(lines[0], "goroutine ") ||
		!strings.Contains(lines[1], "TestPanicInCallbackIsUncaught") ||
		!strings.Contains(lines[2], "uncaught_test.go") {
		t.Errorf("the stack does not start at the panicking callback:\n%s", u.Stack)
	}
	if strings.Contains(string(u.Stack), "runtime/debug.Stack") {
		t.Errorf("the stack shows the recovery's own frames:\n%s", u.Stack)
	}
	if !workDone {
		t.Error("Run returned before the pool task had finished")
	}
}

//step:end errors

//step:begin errors

// TestPanicInProgramIsUncaught: the program itself is the first callback.
func TestPanicInProgramIsUncaught(t *testing.T) {
	rt, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	err = runWithLimit(t, rt, func(rt *Runtime) {
		rt.SetTimeout(0, func() { t.Error("a timer fired after the uncaught panic") })
		panic("at the start")
	})
	if u, ok := errors.AsType[*UncaughtError](err); !ok || u.Value != "at the start" {
		t.Fatalf("Run returned %v, want an *UncaughtError with %q", err, "at the start")
	}
}

//step:end errors

func TestRunTwice(t *testing.T) {
	rt := runProgram(t, Config{}, func(*Runtime) {})
	if err := rt.Run(func() {}); !errors.Is(err, ErrRunTwice) {
		t.Fatalf("a second Run returned %v, want ErrRunTwice", err)
	}
}
