//go:build exercises && !solution

package queues

// Exercise step 09, All: Promise.all, made of Then.
//
// This is the file you edit. Check your answer with
//
//	go test -tags exercises -run All ./exercises/step09-queues
//
// The reference answer is in solution_all.go; the same test runs it with
// -tags exercises,solution.

import "github.com/nodeexperiment/gonode/steps/09-queues/loop"

// ANCHOR: start

// All returns a promise that is fulfilled, once every promise of ps is,
// with a []any of their values in the order of ps (not the order they
// settled in); or rejected, as soon as one of ps is, with its reason.
// With no promise at all, it is fulfilled at once with an empty []any.
// Build it with rt.NewPromise and a Then on each promise of ps.
//
// This starting point returns a promise that never settles.
func All(rt *loop.Runtime, ps []*loop.Promise) *loop.Promise {
	return rt.NewPromise(func(resolve, reject func(v any)) {})
}

// ANCHOR_END: start
