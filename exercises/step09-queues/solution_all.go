//go:build exercises && solution

package queues

import "github.com/nodeexperiment/gonode/steps/09-queues/loop"

// All returns a promise that is fulfilled, once every promise of ps is,
// with a []any of their values in the order of ps; or rejected, as soon
// as one of ps is, with its reason. With no promise at all, it is
// fulfilled at once with an empty []any.
func All(rt *loop.Runtime, ps []*loop.Promise) *loop.Promise {
	return rt.NewPromise(func(resolve, reject func(v any)) {
		values := make([]any, len(ps))
		left := len(ps)
		if left == 0 {
			resolve(values)
			return
		}
		for i, p := range ps {
			p.Then(func(v any) any {
				values[i] = v
				if left--; left == 0 {
					resolve(values)
				}
				return nil
			}, func(reason any) any {
				reject(reason)
				return nil
			})
		}
	})
}
