//go:build exercises && !solution

package watching

// Exercise step 16, QueueDelay: how long each pool task waited for a
// thread, read from a timeline recording.
//
// This is the file you edit. Check your answer with
//
//	go test -tags exercises -run QueueDelay ./exercises/step16-watching
//
// The reference answer is in solution_queuedelay.go; the same test runs
// it with -tags exercises,solution.

import (
	"errors"
	"time"

	"github.com/nodeexperiment/gonode/steps/16-watching/timeline"
)

// ANCHOR: start

// QueueDelays returns, for every pool task that r recorded, how long it
// waited between being queued on the loop thread (QueueWork's Send of a
// "task") and being taken by a pool thread (that thread's Receive of
// it), keyed by the task's id. Results handed back to main, and
// anything else handed over, are not tasks.
//
// This starting point returns nothing.
func QueueDelays(r *timeline.Recorder) (map[int]time.Duration, error) {
	return nil, errors.New("exercise: not done yet: QueueDelays (exercises/step16-watching/exercise_queuedelay.go) " +
		"must find each task's hand-off in r.Handoffs() and measure it")
}

// ANCHOR_END: start
