//go:build exercises

package puzzles

import (
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/steps/10-puzzles/console"
	"github.com/nodeexperiment/gonode/steps/10-puzzles/loop"
)

// TestMain silences the runtime's own trace lines.
func TestMain(m *testing.M) {
	console.SetOutput(io.Discard)
	os.Exit(m.Run())
}

// TestPredictMatchesTheRun runs Puzzle on the step's runtime and compares
// the lines it logged with Predict's, one by one.
func TestPredictMatchesTheRun(t *testing.T) {
	var got []string
	rt, err := loop.New(loop.Config{})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- rt.Run(func() { Puzzle(rt, func(s string) { got = append(got, s) }) }) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the runtime did not finish within 20 s")
	}
	want := Predict()
	if len(want) == 0 {
		t.Fatalf("exercise: not done yet: Predict (exercises/step10-puzzles/exercise_predict.go) predicts no line; Puzzle logged %d", len(got))
	}
	for i := range max(len(got), len(want)) {
		g, w := "(nothing)", "(nothing)"
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			t.Fatalf("line %d: Predict says %q, Puzzle logged %q\n\tthe run so far: %s", i+1, w, g, strings.Join(got[:min(i+1, len(got))], ", "))
		}
	}
}
