//go:build exercises && !solution

package main

// Exercise 03.1, setInterval: add SetInterval and ClearInterval to chapter
// 03's runtime.
//
// This is the file you edit. js.go, main.go, pool.go, runtime.go and
// timers.go are chapter 03's, unchanged, and you may use anything in them:
// SetTimeout, the Runtime's timers, callbacks and pendingEvents, and
// current. Check your answer with
//
//	go test -tags exercises -run Interval ./exercises/03-runtime
//
// (leave -run out for all of this chapter's exercises; make exercises runs
// every exercise). The reference answer is in solution_interval.go; the
// same test runs it with -tags exercises,solution.

// ANCHOR: start

// SetInterval runs cb on the main thread every ms milliseconds, never
// earlier than ms after the previous run began, until ClearInterval is
// called with the id it returns. While an interval is running the loop does
// not end. It must be called on the main thread, inside Run.
func SetInterval(ms int, cb func(Js)) int {
	panic("exercise: not done yet: SetInterval (exercises/03-runtime/exercise_interval.go) " +
		"must run cb every ms milliseconds until ClearInterval")
}

// ClearInterval stops the interval with id: its callback does not run
// again, and once nothing else is pending the loop ends. Clearing an id
// that is not a running interval does nothing. It must be called on the
// main thread, inside Run.
func ClearInterval(id int) {
	panic("exercise: not done yet: ClearInterval (exercises/03-runtime/exercise_interval.go) " +
		"must stop the interval")
}

// ANCHOR_END: start
