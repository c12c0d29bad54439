// ANCHOR: completion

package loop

import "github.com/nodeexperiment/gonode/steps/13-parsing/pool"

// The inbox is rt.inbox, under rt.mu: the pool threads append their
// results to it, and the poll phase takes it all at once
// (runCompletions).

// ANCHOR_END: completion

// ANCHOR: post

// post puts r in the inbox and wakes the loop. Safe from any goroutine;
// the pool threads call it with each result. The waker coalesces: when a
// wake is already on its way and the loop has not yet drained it, Wake
// makes no system call, and one wake brings the loop every result posted
// before it takes the inbox.
func (rt *Runtime) post(r pool.Result) {
	rt.mu.Lock()
	rt.inbox = append(rt.inbox, r)
	rt.mu.Unlock()
	if err := rt.waker.Wake(); err != nil {
		// Not expected while the pool runs (the queue is closed only
		// after the pool is joined); the loop finds it on its next look.
		rt.mu.Lock()
		rt.wakeErr = err
		rt.mu.Unlock()
	}
}

// ANCHOR_END: post
