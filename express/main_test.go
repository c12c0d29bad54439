package main

import (
	"testing"

	"github.com/nodeexperiment/gonode/internal/trace"
	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test scripts run the program as the command
// "express", in a fresh process, without building it first.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"express": main})
}

// TestScripts runs testdata/*.txtar: the program's real output, on
// whichever of epoll, kqueue and IOCP this OS has, checked against
// trace.spec. With UPDATE_GOLDEN=1 a passing run also rewrites
// output.txt, the (Linux) run the book shows.
func TestScripts(t *testing.T) {
	testscript.Run(t, trace.Params("testdata"))
}

// TestGoldenSatisfiesSpec checks the trace the book shows.
func TestGoldenSatisfiesSpec(t *testing.T) {
	if err := trace.CheckFiles("trace.spec", "output.txt"); err != nil {
		t.Fatal(err)
	}
}
