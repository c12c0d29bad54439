// Command queues shows what Node runs between two callbacks: the whole
// nextTick queue, then the whole microtask queue (where a promise's
// reactions wait), again until both are empty, after the program and
// after every single callback.
//
//	go run ./steps/16-watching/examples/queues
//
// example.js is the same program for node; trace.spec says what both
// must print.
package main

import (
	"runtime"

	"github.com/nodeexperiment/gonode/steps/16-watching/console"
	"github.com/nodeexperiment/gonode/steps/16-watching/internal/program"
	"github.com/nodeexperiment/gonode/steps/16-watching/loop"
)

// init pins the main goroutine to the process's first OS thread: "main"
// in the trace is the main thread.
func init() { runtime.LockOSThread() }

func main() { program.Exit(program.Run(example)) }

// ANCHOR: program

// example queues into both queues from the program, from the queues
// themselves and from a timer: the script, in Node.
func example(rt *loop.Runtime, _ string) {
	console.Log("program starts")
	rt.QueueMicrotask(func() {
		console.Log("microtask 1")
		rt.NextTick(func() { console.Log("nextTick queued by microtask 1") })
	})
	rt.NextTick(func() {
		console.Log("nextTick 1")
		rt.NextTick(func() { console.Log("nextTick queued by nextTick 1") })
		rt.QueueMicrotask(func() { console.Log("microtask queued by nextTick 1") })
	})
	rt.Resolve("done").Then(func(v any) any {
		console.Log("promise reaction: " + v.(string))
		return nil
	}, nil)
	rt.SetTimeout(5, func() {
		console.Log("timeout A")
		rt.NextTick(func() { console.Log("nextTick queued by timeout A") })
	})
	rt.SetTimeout(5, func() { console.Log("timeout B") })
	console.Log("program ends")
}

// ANCHOR_END: program
