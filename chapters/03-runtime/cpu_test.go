package main

import (
	"testing"

	"github.com/nodeexperiment/gonode/internal/cputime"
)

// TestWaitingForATimerUsesLittleCPU runs a program whose only work is a
// 300 ms timer and bounds the CPU the whole process used meanwhile: the
// main thread must wait in its channel receive and the epoll thread in
// Poll, not spin. A spinning thread can keep every tick count right.
func TestWaitingForATimerUsesLittleCPU(t *testing.T) {
	cputime.Check(t, "a program that waits 300 ms for a timer", func() {
		runProgram(t, func() { SetTimeout(300, func(Js) {}) })
	})
}
