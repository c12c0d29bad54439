//go:build exercises && !solution

package puzzles

// Exercise step 10, Predict: say, before running it, in what order
// Puzzle (puzzle.go) logs its lines.
//
// This is the file you edit. Check your answer with
//
//	go test -tags exercises -run Predict ./exercises/step10-puzzles
//
// The reference answer is in solution_predict.go; the same test runs it
// with -tags exercises,solution.

// ANCHOR: start

// Predict returns the lines Puzzle logs, in the order it logs them. Work
// it out from the rule (after every callback: all nextTicks, then all
// microtasks, again until both are empty) and the phases, then run the
// test.
//
// This starting point predicts nothing.
func Predict() []string {
	return nil
}

// ANCHOR_END: start
