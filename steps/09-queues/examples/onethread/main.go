// Command onethread gives the loop thread news of more than one kind at
// once: a timer and a task on the pool, and, from the book's streams
// step on, a socket. Every callback runs on main, and main is also the
// thread that waits for them, in the poll phase: the TICK lines show how
// few turns the loop takes, because each wait lasts until the next piece
// of news.
//
//	go run ./steps/09-queues/examples/onethread
//
// example.js is the same program for node; both print the same lines on
// main.
package main

import (
	"runtime"

	"github.com/nodeexperiment/gonode/steps/09-queues/console"
	"github.com/nodeexperiment/gonode/steps/09-queues/crypto"
	"github.com/nodeexperiment/gonode/steps/09-queues/internal/program"
	"github.com/nodeexperiment/gonode/steps/09-queues/js"
	"github.com/nodeexperiment/gonode/steps/09-queues/loop"
)

func init() { runtime.LockOSThread() }

func main() { program.Exit(program.Run(example)) }

// ANCHOR: program

// example sets the timer, queues the pool task and (from the streams
// step on) opens the socket: the script, in Node.
func example(rt *loop.Runtime, server string) {
	console.Log("Setting a 100 ms timer")
	rt.SetTimeout(100, func() { console.Log("Timer: 100 ms have passed") })

	console.Log("Queueing a task on the pool")
	crypto.Encrypt(rt, 30, func(err error, _ js.Value) {
		if err != nil {
			console.Log("Error: " + err.Error())
			return
		}
		console.Log("Pool: the task is done")
	})

}

// ANCHOR_END: program
