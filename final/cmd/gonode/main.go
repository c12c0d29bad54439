// Command gonode runs a JavaScript file on the runtime the book builds
// (final/loop), with the goja engine, and exits as Node would:
//
//	go run ./final/cmd/gonode FILE.js [ARG...]
//	go run ./final/cmd/gonode -trace FILE.js
//
// With -trace, the runtime's own trace lines (Thread: NAME, the ticks,
// the timer ids, the pool threads) print beside the script's output, so
// that each callback's line shows which phase and thread ran it.
// UV_THREADPOOL_SIZE sets the number of pool threads, as in Node.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"

	"github.com/nodeexperiment/gonode/final/gonode"
)

// init pins the main goroutine to the process's first OS thread: it is
// the loop thread, "main" in the trace.
func init() { runtime.LockOSThread() }

func main() {
	trace := flag.Bool("trace", false, "print the runtime's trace lines (Thread: NAME) beside the script's output")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: gonode [-trace] FILE.js [ARG...]\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() < 1 {
		flag.Usage()
		os.Exit(2)
	}
	os.Exit(gonode.Run(flag.Arg(0), gonode.Options{Trace: *trace, Args: flag.Args()[1:]}))
}
