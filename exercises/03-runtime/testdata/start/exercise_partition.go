//go:build exercises && !solution

package main

// Exercise 03.2, Partition: a long computation that does not block the
// loop.
//
// This is the file you edit; you may use anything in the chapter's files
// (SetTimeout above all). Check your answer with
//
//	go test -tags exercises -run Partition ./exercises/03-runtime
//
// The reference answer is in solution_partition.go; the same test runs it
// with -tags exercises,solution.

// ANCHOR: start

// Partition calls work(0), work(1), … work(items-1) on the main thread, in
// order, but at most chunk of them (a chunk below 1 is 1) in one callback:
// between two chunks the loop turns, so that timers and other callbacks
// run while the work goes on. When every item is done it calls done. It
// must be called on the main thread, inside Run.
func Partition(items, chunk int, work func(i int), done func()) {
	panic("exercise: not done yet: Partition (exercises/03-runtime/exercise_partition.go) " +
		"must run work chunk items at a time, letting the loop turn between chunks")
}

// ANCHOR_END: start
