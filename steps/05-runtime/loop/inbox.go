// ANCHOR: completion

package loop

import "github.com/nodeexperiment/gonode/steps/05-runtime/pool"

// The pool threads hand their results to the loop thread on
// rt.results, a channel with room for one result a thread: a thread
// hands over one result and then sleeps until the loop releases it,
// so post never blocks. The poll phase takes one result a tick.

// ANCHOR_END: completion

// ANCHOR: post

// post hands r to the loop thread. Safe from any goroutine; the pool
// threads call it with each result.
func (rt *Runtime) post(r pool.Result) {
	rt.results <- r
}

// ANCHOR_END: post
