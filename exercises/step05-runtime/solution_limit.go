//go:build exercises && solution

package runtime

import (
	"github.com/nodeexperiment/gonode/steps/05-runtime/js"
	"github.com/nodeexperiment/gonode/steps/05-runtime/loop"
)

// Limiter queues pool work on a runtime whose pool has n threads, never
// with more than n tasks out; the others wait in its own queue, first in
// first out. Loop thread only.
type Limiter struct {
	rt      *loop.Runtime
	n       int
	out     int      // tasks handed to the pool and not yet called back
	waiting []func() // tasks held back, oldest first
}

// NewLimiter returns a Limiter for a pool of n threads.
func NewLimiter(rt *loop.Runtime, n int) *Limiter {
	return &Limiter{rt: rt, n: n}
}

// Queue runs work on the pool and then cb on the loop thread, never with
// more than n tasks out.
func (l *Limiter) Queue(name string, work func() (js.Value, error), cb loop.WorkFunc) {
	start := func() {
		l.out++
		l.rt.QueueWork(name, work, func(err error, v js.Value) {
			// The thread that ran this task is free again (the loop
			// releases it before the callback), so the next task may go.
			l.out--
			if len(l.waiting) > 0 {
				next := l.waiting[0]
				l.waiting = l.waiting[1:]
				next()
			}
			cb(err, v)
		})
	}
	if l.out < l.n {
		start()
		return
	}
	l.waiting = append(l.waiting, start)
}
