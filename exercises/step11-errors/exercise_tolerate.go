//go:build exercises && !solution

package uncaught

// Exercise step 11, Tolerate: an uncaught-exception handler that logs
// each error and lets the loop go on, up to a limit.
//
// This is the file you edit. Check your answer with
//
//	go test -tags exercises -run Tolerate ./exercises/step11-errors
//
// The reference answer is in solution_tolerate.go; the same test runs it
// with -tags exercises,solution.

import "github.com/nodeexperiment/gonode/steps/11-errors/loop"

// ANCHOR: start

// Tolerate sets rt's uncaught-exception handler: it logs each uncaught
// error's message (its Error) with log, and lets the loop go on with the
// next callback, until the n-th error, which it logs too and then ends
// the run with exit code 70 (the exit hooks still run, with 70).
//
// This starting point sets no handler, so the first uncaught error ends
// the run.
func Tolerate(rt *loop.Runtime, n int, log func(string)) {}

// ANCHOR_END: start
