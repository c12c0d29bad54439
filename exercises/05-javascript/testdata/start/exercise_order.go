//go:build exercises && !solution

package javascript

// Exercise 05, Order: run each callback in Node's order on goja's job
// queue.
//
// This is the file you edit. Check your answer with
//
//	go test -tags exercises -run Order ./exercises/05-javascript
//
// The reference answer is in solution_order.go; the same test runs it
// with -tags exercises,solution.

// ANCHOR: start

// run runs f, one callback (or the script), and then what Node runs
// after a callback: the whole nextTick queue (runTicks), then the whole
// microtask queue (goja's promise jobs), again until both are empty.
//
// This starting point calls f and then runs the ticks. But f calls into
// the engine from Go while no JavaScript is running, so goja runs its
// jobs as soon as that call returns: the promise reactions come before
// the nextTicks. Make them come after.
func (e *engine) run(f func()) {
	f()
	e.runTicks()
}

// ANCHOR_END: start
