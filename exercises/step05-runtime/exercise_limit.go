//go:build exercises && !solution

package runtime

import (
	"github.com/nodeexperiment/gonode/steps/05-runtime/js"
	"github.com/nodeexperiment/gonode/steps/05-runtime/loop"
)

// Exercise step 05, Limit: queue pool work without ever handing the pool
// more tasks than it has threads.
//
// This is the file you edit. Check your answer with
//
//	go test -tags exercises -run Limit ./exercises/step05-runtime
//
// The reference answer is in solution_limit.go; the same test runs it
// with -tags exercises,solution.

// ANCHOR: start

// Limiter queues pool work on a runtime whose pool has n threads. Step
// 05's pool has no queue: a task submitted while every thread is busy
// makes it panic. A Limiter keeps at most n tasks out at once and holds
// the others, first in first out, until one of its tasks calls back.
// Loop thread only.
type Limiter struct {
	rt *loop.Runtime
	n  int
}

// NewLimiter returns a Limiter for a pool of n threads.
func NewLimiter(rt *loop.Runtime, n int) *Limiter {
	return &Limiter{rt: rt, n: n}
}

// Queue runs work on the pool and then cb on the loop thread, as
// rt.QueueWork does, but never with more than n tasks out: a task
// queued while n are out waits until one of them has called back.
//
// This starting point hands every task to the pool at once, so the
// (n+1)th makes the pool panic.
func (l *Limiter) Queue(name string, work func() (js.Value, error), cb loop.WorkFunc) {
	l.rt.QueueWork(name, work, cb)
}

// ANCHOR_END: start
