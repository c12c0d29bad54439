// ANCHOR: completion

package loop

import "github.com/nodeexperiment/gonode/steps/06-work/pool"

// The inbox is rt.inbox, under rt.mu: the pool threads append their
// results to it, and the poll phase takes it all at once
// (runCompletions).

// ANCHOR_END: completion

// ANCHOR: post

// post puts r in the inbox and wakes the loop. Safe from any
// goroutine; the pool threads call it with each result. The wake
// coalesces: rt.wake has room for one token, and a post that finds it
// full sends nothing, for the wake on its way brings the loop every
// result posted before the loop takes the inbox.
func (rt *Runtime) post(r pool.Result) {
	rt.mu.Lock()
	rt.inbox = append(rt.inbox, r)
	rt.mu.Unlock()
	select {
	case rt.wake <- struct{}{}:
	default: // a wake is on its way already
	}
}

// ANCHOR_END: post
