//go:build exercises && !solution

package work

import (
	"errors"

	"github.com/nodeexperiment/gonode/steps/06-work/js"
	"github.com/nodeexperiment/gonode/steps/06-work/loop"
)

// Exercise step 06, All: run n tasks on the pool and call back once.
//
// This is the file you edit. Check your answer with
//
//	go test -tags exercises -run All ./exercises/step06-work
//
// The reference answer is in solution_all.go; the same test runs it
// with -tags exercises,solution.

// ANCHOR: start

// All runs work(0) … work(n-1) on the pool, all queued at once (the pool
// of this step queues what its threads cannot take yet), and calls cb
// once on the loop thread: with every result, in index order, when all
// have succeeded, or with the first error to arrive, as soon as it
// arrives (Node's Promise.all). n is at least 1. Loop thread only.
//
// This starting point queues nothing and reports that it is not done.
func All(rt *loop.Runtime, name string, n int, work func(i int) (js.Value, error), cb func(err error, results []js.Value)) {
	cb(errors.New("exercise: not done yet: All (exercises/step06-work/exercise_all.go) must queue the n tasks"), nil)
}

// ANCHOR_END: start
