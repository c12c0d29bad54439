// Command gocases holds the Go half of the conformance suite: each case
// of ../js, written on final's public API, selected by its name.
//
//	go run ./final/node/conformance/gocases tick-before-promise
//
// It prints one line per event it observes on stdout, like its
// JavaScript twin, and exits with the run's exit status: 1 after an
// uncaught error (the error on stderr, as Node prints its stack), the
// exit code otherwise.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"

	"github.com/nodeexperiment/gonode/final/console"
	"github.com/nodeexperiment/gonode/final/internal/program"
	"github.com/nodeexperiment/gonode/final/loop"
)

// cases maps each case's name, the name of its .js twin, to its program.
var cases = map[string]func(rt *loop.Runtime){}

// add registers the cases of one file.
func add(m map[string]func(rt *loop.Runtime)) {
	for name, f := range m {
		cases[name] = f
	}
}

var log = fmt.Println

func main() {
	runtime.LockOSThread()
	if len(os.Args) != 2 {
		names := make([]string, 0, len(cases))
		for name := range cases {
			names = append(names, name)
		}
		slices.Sort(names)
		for _, name := range names {
			fmt.Println(name)
		}
		return
	}
	run, ok := cases[os.Args[1]]
	if !ok {
		fmt.Fprintf(os.Stderr, "gocases: no case %q\n", os.Args[1])
		os.Exit(2)
	}
	console.SetOutput(io.Discard) // the trace lines are not events of the case
	rt, err := loop.New(loop.Config{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	program.Exit(rt.Run(func() { run(rt) }))
}
