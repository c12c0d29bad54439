// ANCHOR: completion

package loop

import "github.com/nodeexperiment/gonode/final/pool"

//step:before work
// // The pool threads hand their results to the loop thread on
// // rt.results, a channel with room for one result a thread: a thread
// // hands over one result and then sleeps until the loop releases it,
// // so post never blocks. The poll phase takes one result a tick.
//step:end work
//step:begin work

// The inbox is rt.inbox, under rt.mu: the pool threads append their
// results to it, and the poll phase takes it all at once
// (runCompletions).

//step:end work

// ANCHOR_END: completion

// ANCHOR: post
//step:before work

// // post hands r to the loop thread. Safe from any goroutine; the pool
// // threads call it with each result.
// func (rt *Runtime) post(r pool.Result) {
// 	rt.results <- r
// }

//step:end work
//step:begin work
//step:before one-thread

// // post puts r in the inbox and wakes the loop. Safe from any
// // goroutine; the pool threads call it with each result. The wake
// // coalesces: rt.wake has room for one token, and a post that finds it
// // full sends nothing, for the wake on its way brings the loop every
// // result posted before the loop takes the inbox.
// func (rt *Runtime) post(r pool.Result) {
// 	rt.mu.Lock()
// 	rt.inbox = append(rt.inbox, r)
// 	rt.mu.Unlock()
// 	select {
// 	case rt.wake <- struct{}{}:
// 	default: // a wake is on its way already
// 	}
// }

//step:end one-thread
//step:end work
//step:begin one-thread

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

//step:end one-thread

// ANCHOR_END: post
