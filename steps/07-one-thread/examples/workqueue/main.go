// Command workqueue shows the pool's work queue and the poll phase's
// batching on final's runtime: six tasks for four threads, and a program
// that keeps the loop thread busy while their results come in.
//
//	go run ./steps/07-one-thread/examples/workqueue
//	UV_THREADPOOL_SIZE=1 go run ./steps/07-one-thread/examples/workqueue
//
// example.js is the same program for Node; trace.spec says what both
// must print.
package main

import (
	"fmt"
	"path/filepath"
	"runtime"
	"time"

	"github.com/nodeexperiment/gonode/steps/07-one-thread/console"
	"github.com/nodeexperiment/gonode/steps/07-one-thread/crypto"
	"github.com/nodeexperiment/gonode/steps/07-one-thread/fs"
	"github.com/nodeexperiment/gonode/steps/07-one-thread/internal/program"
	"github.com/nodeexperiment/gonode/steps/07-one-thread/js"
	"github.com/nodeexperiment/gonode/steps/07-one-thread/loop"
)

func main() {
	fs.Delay = 20 * time.Millisecond // a slow disk, but not the book's full second
	program.Exit(program.Run(example))
}

// ANCHOR: program

// example queues the six tasks and blocks the loop thread: the script, in Node.
func example(rt *loop.Runtime, _ string) {
	console.Log("queueing four reads and two encryptions")
	for i := 1; i <= 4; i++ {
		fs.Read(rt, testFile(), func(err error, text js.Value) {
			if err != nil {
				console.Log("Error: " + err.Error())
				return
			}
			s, _ := text.AsString()
			console.Log(fmt.Sprintf("read %d: %d characters", i, len(s)))
		})
	}
	for i := 5; i <= 6; i++ {
		crypto.Encrypt(rt, 25, func(err error, _ js.Value) {
			if err != nil {
				console.Log("Error: " + err.Error())
				return
			}
			console.Log(fmt.Sprintf("encryption %d done", i))
		})
	}
	console.Log("the program keeps the loop thread busy for 100 ms")
	time.Sleep(100 * time.Millisecond) // blocking, as a long synchronous call would
	console.Log("program ends")
}

// ANCHOR_END: program

// testFile is final/test.txt, the book's text file, found from this
// source file's path, so that the example runs from any directory.
func testFile() string {
	_, src, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(src), "..", "..", "test.txt")
}

// init keeps the loop thread on the process's first OS thread, the one
// the trace calls "main".
func init() { runtime.LockOSThread() }
