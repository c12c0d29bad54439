package main

import (
	"os"
	"strings"
	"testing"

	"github.com/nodeexperiment/gonode/internal/trace"
	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test scripts run this chapter's program as the
// command "modules", in a fresh process, without building it first.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"modules": main})
}

// TestScripts runs testdata/*.txtar: the program's real output checked
// against trace.spec. With UPDATE_GOLDEN=1 a passing run also rewrites
// output.txt, the trace the book shows.
func TestScripts(t *testing.T) {
	testscript.Run(t, trace.Params("testdata"))
}

// TestGoldenSatisfiesSpec checks the trace the book shows.
func TestGoldenSatisfiesSpec(t *testing.T) {
	if err := trace.CheckFiles("trace.spec", "output.txt"); err != nil {
		t.Fatal(err)
	}
}

// TestSpecRejectsAnotherOrder makes sure the spec is not too loose: the
// book's golden run with the two immediate timers swapped must fail.
func TestSpecRejectsAnotherOrder(t *testing.T) {
	b, err := os.ReadFile("output.txt")
	if err != nil {
		t.Fatal(err)
	}
	spec, err := os.ReadFile("trace.spec")
	if err != nil {
		t.Fatal(err)
	}
	swapped := swapLines(string(b), "Immediate1 timed out", "Immediate2 timed out")
	if err := trace.CheckText(string(spec), swapped); err == nil {
		t.Fatal("a trace with Immediate2 before Immediate1 satisfied the spec")
	}
}

// swapLines returns text with the lines containing a and b swapped.
func swapLines(text, a, b string) string {
	lines := strings.Split(text, "\n")
	i, j := -1, -1
	for k, l := range lines {
		switch {
		case strings.Contains(l, a):
			i = k
		case strings.Contains(l, b):
			j = k
		}
	}
	if i >= 0 && j >= 0 {
		lines[i], lines[j] = lines[j], lines[i]
	}
	return strings.Join(lines, "\n")
}
