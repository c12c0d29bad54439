//go:build exercises && !solution

package timers

// Exercise step 08, Debounce: run a function once a burst of calls has
// stopped, with one timer that each call restarts.
//
// This is the file you edit. Check your answer with
//
//	go test -tags exercises -run Debounce ./exercises/step08-timers
//
// The reference answer is in solution_debounce.go; the same test runs it
// with -tags exercises,solution.

import "github.com/nodeexperiment/gonode/steps/08-timers/loop"

// ANCHOR: start

// Debounce returns a function to call instead of f. Each call starts a
// wait of ms milliseconds, or restarts the wait if one is running; f runs
// on the loop thread when a wait ends, so once for each burst of calls.
// Use one timer for a burst: SetTimeout on the first call, and the
// timer's Refresh on the next ones.
//
// This starting point never runs f.
func Debounce(rt *loop.Runtime, ms int, f func()) func() {
	return func() {}
}

// ANCHOR_END: start
