package loop

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// BenchmarkTimerLists times one operation on the timer lists at two
// sizes: the earliest timer taken and a new one armed (a timer fired and
// another set), with entries timers armed all along, their delays spread
// over 1–100 ms as the timers workload's, and the clock at the deadline
// of the timer that fired. It is the timer-lists row of bench/costs.md
// (make bench-costs runs it):
//
//	go test -run '^$' -bench TimerLists ./steps/14-listening/loop
func BenchmarkTimerLists(b *testing.B) {
	for _, entries := range []int{1_000, 1_000_000} {
		b.Run(fmt.Sprintf("entries=%d", entries), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(1, 2))
			delay := func() time.Duration { return time.Duration(1+rng.IntN(100)) * time.Millisecond }
			var h timerLists
			now := int64(0)
			for i := range entries {
				d := delay()
				h.push(d, timerEntry{when: now + int64(d), seq: uint64(i)})
			}
			seq := uint64(entries)
			for b.Loop() {
				l, e, _ := h.first()
				h.take(l)
				now = e.when
				seq++
				d := delay()
				h.push(d, timerEntry{when: now + int64(d), seq: seq})
			}
			if h.len() != entries {
				b.Fatalf("the lists hold %d entries, want %d", h.len(), entries)
			}
		})
	}
}
