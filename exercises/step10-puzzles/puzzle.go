//go:build exercises

package puzzles

import "github.com/nodeexperiment/gonode/steps/10-puzzles/loop"

// ANCHOR: puzzle

// Puzzle is the program whose lines Predict must give, in order. Every
// line it logs is logged exactly once in every run.
func Puzzle(rt *loop.Runtime, log func(string)) {
	log("start")
	rt.SetTimeout(20, func() { log("timeout") })
	rt.SetImmediate(func() {
		log("immediate 1")
		rt.SetImmediate(func() { log("immediate 2") })
		rt.NextTick(func() { log("tick from immediate 1") })
	})
	rt.QueueMicrotask(func() {
		log("microtask")
		rt.NextTick(func() { log("tick from microtask") })
	})
	rt.NextTick(func() {
		log("tick")
		rt.Resolve(nil).Then(func(any) any { log("reaction"); return nil }, nil)
	})
	log("end")
}

// ANCHOR_END: puzzle
