package main

import (
	"os"
	"slices"
	"testing"

	"github.com/nodeexperiment/gonode/final/console"
	"github.com/nodeexperiment/gonode/final/fs"
	"github.com/nodeexperiment/gonode/final/http"
	"github.com/nodeexperiment/gonode/final/internal/program"
	"github.com/nodeexperiment/gonode/final/js"
	"github.com/nodeexperiment/gonode/final/loop"
	"github.com/nodeexperiment/gonode/internal/trace"
	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test scripts run the book's example as the command
// "final", a program that panics in a callback as "throw", and the check
// of a timeline picture as "timelinecheck", each in a fresh process.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"final": main, "throw": throwMain, "timelinecheck": timelineCheckMain})
}

// throwMain runs a program with a file read and a web request in flight
// and, with -panic, a timer whose callback panics 10 ms in, with a
// timer that must then never fire.
func throwMain() {
	panicking := slices.Contains(os.Args[1:], "-panic")
	program.Exit(program.Run(func(rt *loop.Runtime, server string) {
		fs.Read(rt, testFile(), func(error, js.Value) {})
		http.GetSlow(rt, server, "example.com", 2000, func(error, js.Value) {})
		if !panicking {
			return
		}
		rt.SetTimeout(10, func() { panic("something went wrong") })
		rt.SetTimeout(3000, func() { console.Log("never") })
	}))
}

// TestScripts runs testdata/*.txtar: the program's real output checked
// against trace.spec, its errors, and its exit status.
func TestScripts(t *testing.T) {
	testscript.Run(t, trace.Params("testdata"))
}

// TestGoldenSatisfiesSpec checks the recorded run.
func TestGoldenSatisfiesSpec(t *testing.T) {
	if err := trace.CheckFiles("trace.spec", "output.txt"); err != nil {
		t.Fatal(err)
	}
}

// TestSpecRejectsAnotherOrder makes sure the spec is not too loose: the
// recorded run with the two zero-delay timers swapped must fail.
func TestSpecRejectsAnotherOrder(t *testing.T) {
	b, err := os.ReadFile("output.txt")
	if err != nil {
		t.Fatal(err)
	}
	spec, err := os.ReadFile("trace.spec")
	if err != nil {
		t.Fatal(err)
	}
	swapped := trace.SwapLines(string(b), "Immediate1 timed out", "Immediate2 timed out")
	if swapped == string(b) {
		t.Fatal("output.txt lacks the lines to swap")
	}
	if err := trace.CheckText(string(spec), swapped); err == nil {
		t.Fatal("a trace with Immediate2 before Immediate1 satisfied the spec")
	}
}
