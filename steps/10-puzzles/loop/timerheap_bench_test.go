package loop

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// BenchmarkTimerHeap times one operation on the timer heap at two sizes:
// the earliest entry popped and a new one pushed (a timer fired and
// another set), with the heap holding entries timers all along. It is
// the timer-heap row of bench/costs.md (make bench-costs runs it):
//
//	go test -run '^$' -bench TimerHeap ./steps/10-puzzles/loop
func BenchmarkTimerHeap(b *testing.B) {
	for _, entries := range []int{1_000, 1_000_000} {
		b.Run(fmt.Sprintf("entries=%d", entries), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(1, 2))
			span := int64(100 * time.Millisecond) // deadlines spread as the timers workload's
			var h timerHeap
			for i := range entries {
				h.push(timerEntry{when: rng.Int64N(span), seq: uint64(i)})
			}
			seq := uint64(entries)
			for b.Loop() {
				e := h.popTop()
				seq++
				h.push(timerEntry{when: e.when + rng.Int64N(span), seq: seq})
			}
			if h.len() != entries {
				b.Fatalf("the heap holds %d entries, want %d", h.len(), entries)
			}
		})
	}
}
