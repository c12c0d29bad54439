//go:build exercises && solution

package work

import (
	"github.com/nodeexperiment/gonode/steps/06-work/js"
	"github.com/nodeexperiment/gonode/steps/06-work/loop"
)

// All runs work(0) … work(n-1) on the pool and calls cb once: with every
// result in index order, or with the first error to arrive. Loop thread
// only.
func All(rt *loop.Runtime, name string, n int, work func(i int) (js.Value, error), cb func(err error, results []js.Value)) {
	results := make([]js.Value, n)
	left, done := n, false
	for i := range n {
		rt.QueueWork(name, func() (js.Value, error) { return work(i) }, func(err error, v js.Value) {
			if done {
				return // an error has been reported: the rest is dropped
			}
			if err != nil {
				done = true
				cb(err, nil)
				return
			}
			results[i] = v
			if left--; left == 0 {
				done = true
				cb(nil, results)
			}
		})
	}
}
