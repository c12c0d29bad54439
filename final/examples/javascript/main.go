// Command javascript runs example.js, a reader's puzzle in JavaScript, on
// the runtime the book builds, through gonode with the trace on:
//
//	cd final/examples/javascript && go run .
//
// It is the command gonode -trace example.js, as a program of its own so
// that the examples' test runs it and holds it to trace.spec, as it
// holds node's run of the same file on main's lines.
package main

import (
	"os"
	"runtime"

	"github.com/nodeexperiment/gonode/final/gonode"
)

func init() { runtime.LockOSThread() }

func main() {
	os.Exit(gonode.Run("example.js", gonode.Options{Trace: true}))
}
