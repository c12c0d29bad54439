//go:build exercises

package javascript

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nodeexperiment/gonode/final/console"
)

// TestMain silences the runtime's own trace lines.
func TestMain(m *testing.M) {
	console.SetOutput(io.Discard)
	os.Exit(m.Run())
}

// orderCases are conformance cases of final/node/conformance whose order
// depends on when the nextTick queue runs against the microtask queue;
// each runs here and must print what Node printed (its testdata record).
var orderCases = []string{
	"tick-before-promise", "tick-in-tick-before-promise", "promise-in-tick",
	"tick-in-microtask", "microtask-fifo", "then-chains-interleave",
	"ticks-between-timers", "ticks-between-immediates",
}

// TestOrderAsNode runs each case on the exercise's engine.
func TestOrderAsNode(t *testing.T) {
	conformance := filepath.Join("..", "..", "final", "node", "conformance")
	for _, name := range orderCases {
		src, err := os.ReadFile(filepath.Join(conformance, "js", name+".js"))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join(conformance, "testdata", name+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		got, err := runScript(string(src))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if w := strings.Split(strings.TrimSuffix(string(want), "\n"), "\n"); !slices.Equal(got, w) {
			t.Errorf("exercise: not done yet: run (exercises/05-javascript/exercise_order.go) "+
				"must run the nextTick queue before goja's promise jobs; for %s Node printed\n\t%s\nthe engine printed\n\t%s",
				name, strings.Join(w, "\n\t"), strings.Join(got, "\n\t"))
		}
	}
}
