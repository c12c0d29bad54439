package main

import (
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/final/internal/looptest"
	"github.com/nodeexperiment/gonode/final/loop"
	"github.com/nodeexperiment/gonode/internal/cputime"
)

// TestWaitingForATimerUsesLittleCPU runs a program whose only work is a
// 300 ms timer and bounds the CPU the whole process used meanwhile: the
// loop, its poller and the pool must all wait, not spin. A spinning
// thread can keep every tick count and trace right.
func TestWaitingForATimerUsesLittleCPU(t *testing.T) {
	fired := false
	wall, _ := cputime.Check(t, "a program that waits 300 ms for a timer", func() {
		looptest.RunWithin(t, time.Minute, func(rt *loop.Runtime) {
			rt.SetTimeout(300, func() { fired = true })
		})
	})
	if !fired || wall < 300*time.Millisecond {
		t.Fatalf("the 300 ms timer: fired %v after %v", fired, wall)
	}
}
