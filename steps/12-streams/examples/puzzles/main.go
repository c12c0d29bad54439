// Command puzzles runs the classic ordering puzzle of Node's event loop
// on final/'s runtime: process.nextTick, a promise, setTimeout(cb, 0)
// and setImmediate, set first from the program and then again from
// inside an I/O callback (here a pool task's callback, which runs in
// the poll phase as a file read's does in Node).
//
//	go run ./steps/12-streams/examples/puzzles
//
// example.js is the same program for node; both print the same lines.
package main

import (
	"runtime"

	"github.com/nodeexperiment/gonode/steps/12-streams/console"
	"github.com/nodeexperiment/gonode/steps/12-streams/crypto"
	"github.com/nodeexperiment/gonode/steps/12-streams/internal/program"
	"github.com/nodeexperiment/gonode/steps/12-streams/js"
	"github.com/nodeexperiment/gonode/steps/12-streams/loop"
)

func init() { runtime.LockOSThread() }

func main() { program.Exit(program.Run(example)) }

// example is the puzzle: the script, in Node.
func example(rt *loop.Runtime, _ string) {
	// ANCHOR: program
	console.Log("program start")
	rt.SetTimeout(0, func() { console.Log("timeout") })
	rt.SetImmediate(func() { console.Log("immediate") })
	rt.Resolve(nil).Then(func(any) any { console.Log("promise"); return nil }, nil)
	rt.NextTick(func() { console.Log("nextTick") })
	console.Log("program end")
	// ANCHOR_END: program

	// ANCHOR: io
	crypto.Encrypt(rt, 27, func(err error, _ js.Value) {
		console.Log("I/O callback")
		rt.SetTimeout(0, func() { console.Log("timeout from I/O") })
		rt.SetImmediate(func() { console.Log("immediate from I/O") })
		rt.Resolve(nil).Then(func(any) any { console.Log("promise from I/O"); return nil }, nil)
		rt.NextTick(func() { console.Log("nextTick from I/O") })
	})
	// ANCHOR_END: io
}
