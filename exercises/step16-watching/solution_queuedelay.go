//go:build exercises && solution

package watching

import (
	"time"

	"github.com/nodeexperiment/gonode/steps/16-watching/timeline"
)

// QueueDelays returns, for every pool task that r recorded, how long it
// waited between being queued on the loop thread and being taken by a
// pool thread, keyed by the task's id.
func QueueDelays(r *timeline.Recorder) (map[int]time.Duration, error) {
	delays := map[int]time.Duration{}
	for _, h := range r.Handoffs() {
		if h.What == "task" {
			delays[h.ID] = h.Received - h.Sent
		}
	}
	return delays, nil
}
