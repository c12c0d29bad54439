//go:build exercises && solution

package main

// The reference answer to the exercise of exercise_partition.go. Try that
// file first.

// ANCHOR: start

// Partition calls work(0), work(1), … work(items-1) on the main thread, in
// order, but at most chunk of them (a chunk below 1 is 1) in one callback:
// between two chunks the loop turns, so that timers and other callbacks
// run while the work goes on. When every item is done it calls done. It
// must be called on the main thread, inside Run.
//
// Each chunk ends by setting a 0 ms timer for the next: the timer fires in
// the next tick's timers phase, after whatever this tick still had to
// run. This is the "partitioning" that Node's guide "Don't block the event
// loop" recommends; in Node one would use setImmediate.
func Partition(items, chunk int, work func(i int), done func()) {
	chunk = max(chunk, 1)
	next := 0
	var step func(Js)
	step = func(Js) {
		for end := min(next+chunk, items); next < end; next++ {
			work(next)
		}
		if next < items {
			SetTimeout(0, step)
			return
		}
		done()
	}
	SetTimeout(0, step)
}

// ANCHOR_END: start
