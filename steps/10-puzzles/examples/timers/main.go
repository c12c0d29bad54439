// Command timers shows Node's timers on final's runtime: the delay rules,
// timers with equal deadlines, an interval that clears itself, a timer
// cleared before it is due, one that is refreshed, one that is unref'd,
// and where an immediate runs against a 0 ms timer.
//
//	go run ./steps/10-puzzles/examples/timers
//
// example.js is the same program for Node; trace.spec says what both
// must print.
package main

import (
	"fmt"
	"runtime"

	"github.com/nodeexperiment/gonode/steps/10-puzzles/console"
	"github.com/nodeexperiment/gonode/steps/10-puzzles/fs"
	"github.com/nodeexperiment/gonode/steps/10-puzzles/internal/program"
	"github.com/nodeexperiment/gonode/steps/10-puzzles/js"
	"github.com/nodeexperiment/gonode/steps/10-puzzles/loop"
)

// init pins the main goroutine to the process's first OS thread: "main"
// in the trace is the main thread.
func init() { runtime.LockOSThread() }

func main() {
	fs.Delay = 0 // a real read, without the book's one-second stand-in for a slow disk
	program.Exit(program.Run(example))
}

// ANCHOR: program

// example sets the timers and starts the read: the script, in Node.
func example(rt *loop.Runtime, _ string) {
	console.Log("program starts")
	rt.SetTimeout(1, func() { console.Log("1 ms timeout") })
	rt.SetTimeout(0, func() { console.Log("0 ms timeout, which is 1 ms") })
	rt.SetImmediate(func() { console.Log("immediate set by the program") })

	calls := 0
	var interval *loop.Timer
	interval = rt.SetInterval(10, func() {
		calls++
		console.Log(fmt.Sprintf("interval call %d", calls))
		if calls == 3 {
			rt.ClearInterval(interval)
		}
	})
	never := rt.SetTimeout(15, func() { console.Log("cleared timeout (never printed)") })
	rt.SetTimeout(12, func() {
		console.Log("clearing the 15 ms timeout")
		rt.ClearTimeout(never)
	})

	late := rt.SetTimeout(30, func() { console.Log("refreshed 30 ms timeout") })
	rt.SetTimeout(20, func() {
		console.Log("refreshing the 30 ms timeout")
		late.Refresh()
	})
	rt.SetTimeout(40, func() { console.Log("40 ms timeout") })

	rt.SetTimeout(10_000, func() { console.Log("unref'd timeout (never printed)") }).Unref()

	fs.Read(rt, source(), func(err error, _ js.Value) {
		if err != nil {
			console.Log("Error: " + err.Error())
			return
		}
		console.Log("file read")
		rt.SetTimeout(0, func() { console.Log("0 ms timeout set by the read's callback") })
		rt.SetImmediate(func() { console.Log("immediate set by the read's callback") })
	})
	console.Log("program ends")
}

// ANCHOR_END: program

// source is the path of this file, the file the example reads.
func source() string {
	_, src, _, _ := runtime.Caller(0)
	return src
}
