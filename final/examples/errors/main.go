// Command errors shows where final's runtime delivers what goes wrong, as
// Node does: a missing file and a refused connection reach their
// callbacks as errors, a callback that panics reaches the
// uncaught-exception handler and the loop goes on, and the exit code the
// program sets is the process's exit status.
//
//	go run ./final/examples/errors; echo "status $?"
package main

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"syscall" //step:streams

	"github.com/nodeexperiment/gonode/final/console"
	"github.com/nodeexperiment/gonode/final/fs"
	"github.com/nodeexperiment/gonode/final/http" //step:streams
	"github.com/nodeexperiment/gonode/final/internal/program"
	"github.com/nodeexperiment/gonode/final/js"
	"github.com/nodeexperiment/gonode/final/loop"
)

func init() { runtime.LockOSThread() }

// init turns off fs.Read's pretend slow disk (one second): the error is
// the point here, and it comes at once.
func init() { fs.Delay = 0 }

//step:begin streams

// refused is an address where nothing listens: port 1 on loopback.
const refused = "127.0.0.1:1"

//step:end streams

func main() {
	program.Exit(program.Run(func(rt *loop.Runtime, server string) {
		// ANCHOR: callbacks
		console.Log("Reading missing.txt")
		fs.Read(rt, "missing.txt", func(err error, text js.Value) {
			if errors.Is(err, os.ErrNotExist) {
				console.Log("fs.Read failed: no such file (ENOENT)")
				return
			}
			console.Log("fs.Read: " + text.String())
		})
		//step:begin streams

		console.Log("Connecting to a port nobody listens on")
		http.GetSlow(rt, refused, "example.com/", 0, func(err error, response js.Value) {
			if errors.Is(err, syscall.ECONNREFUSED) {
				console.Log("http.GetSlow failed: connection refused (ECONNREFUSED)")
				return
			}
			console.Log("http.GetSlow: " + response.String())
		})
		//step:end streams
		// ANCHOR_END: callbacks

		// ANCHOR: process
		rt.OnUncaughtException(func(err *loop.UncaughtError) {
			console.Log(fmt.Sprintf("Caught: %v", err.Value))
		})
		rt.OnExit(func(code int) {
			console.Log(fmt.Sprintf("Exiting with code %d", code))
		})

		rt.SetTimeout(10, func() {
			console.Log("The first timer panics")
			panic("something went wrong")
		})
		rt.SetTimeout(20, func() {
			console.Log("The second timer still runs, and sets the exit code")
			rt.SetExitCode(3)
		})
		// ANCHOR_END: process
	}))
}
