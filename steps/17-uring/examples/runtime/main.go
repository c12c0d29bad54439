// Command runtime is chapter 04's program on the new core, without its
// web request (sockets come later in the book): two file reads on the
// pool, an encryption queued by the first read's callback, a read queued
// by the second's, and five timers, two of them "immediate" and one set
// by another timer's callback.
//
//	go run ./steps/17-uring/examples/runtime
//
// example.js is the same program for Node; trace.spec says what both
// must print.
package main

import (
	"fmt"
	"path/filepath"
	"runtime"

	"github.com/nodeexperiment/gonode/steps/17-uring/console"
	"github.com/nodeexperiment/gonode/steps/17-uring/crypto"
	"github.com/nodeexperiment/gonode/steps/17-uring/fs"
	"github.com/nodeexperiment/gonode/steps/17-uring/internal/program"
	"github.com/nodeexperiment/gonode/steps/17-uring/js"
	"github.com/nodeexperiment/gonode/steps/17-uring/loop"
)

// init keeps the loop thread on the process's first OS thread, the one
// the trace calls "main".
func init() { runtime.LockOSThread() }

func main() { program.Exit(program.Run(example)) }

// ANCHOR: program

// example is chapter 04's program without the web request: the script,
// in Node.
func example(rt *loop.Runtime, _ string) {
	console.Log("First call to read test.txt")
	fs.Read(rt, testFile(), func(err error, text js.Value) {
		if err != nil {
			console.Log("Error: " + err.Error())
			return
		}
		s, _ := text.AsString()
		console.Log(fmt.Sprintf("First count: %d characters.", len(s)))
		console.Log(`I want to create a "magic" number based on the text.`)
		crypto.Encrypt(rt, len(s), func(err error, n js.Value) {
			if err != nil {
				console.Log("Error: " + err.Error())
				return
			}
			console.Log(`"Encrypted" number is: ` + n.String())
		})
	})

	console.Log("Registering immediate timeout 1")
	rt.SetTimeout(0, func() { console.Log("Immediate1 timed out") })
	console.Log("Registering immediate timeout 2")
	rt.SetTimeout(0, func() { console.Log("Immediate2 timed out") })

	console.Log("Second call to read test.txt")
	fs.Read(rt, testFile(), func(err error, text js.Value) {
		if err != nil {
			console.Log("Error: " + err.Error())
			return
		}
		s, _ := text.AsString()
		console.Log(fmt.Sprintf("Second count: %d characters.", len(s)))
		console.Log("Third call to read test.txt")
		fs.Read(rt, testFile(), func(err error, text js.Value) {
			if err != nil {
				console.Log("Error: " + err.Error())
				return
			}
			console.Content(text.String(), "file read")
		})
	})

	console.Log("Registering a 3000 and a 500 ms timeout")
	rt.SetTimeout(3000, func() {
		console.Log("3000ms timer timed out")
		rt.SetTimeout(500, func() { console.Log("500ms timer(nested) timed out") })
	})

	console.Log("Registering a 1000 ms timeout")
	rt.SetTimeout(1000, func() { console.Log("SETTIMEOUT") })
}

// ANCHOR_END: program

// testFile is final/test.txt, the book's text file, found from this
// source file's path, so that the example runs from any directory.
func testFile() string {
	_, src, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(src), "..", "..", "test.txt")
}
