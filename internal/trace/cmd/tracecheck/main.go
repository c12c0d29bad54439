// Command tracecheck checks a program's output against a trace spec.
//
// Usage:
//
//	tracecheck [-only THREAD,...] SPEC TRACE
//
// It prints "ok" if TRACE satisfies SPEC. Otherwise it prints why not
// and exits with status 1. The spec format is described in the
// documentation of package github.com/nodeexperiment/gonode/internal/trace.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/nodeexperiment/gonode/internal/trace"
)

func main() {
	only := flag.String("only", "", "check only these comma-separated `threads`")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: tracecheck [-only THREAD,...] SPEC TRACE")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 2 {
		flag.Usage()
		os.Exit(2)
	}
	var opts []trace.Option
	if *only != "" {
		opts = append(opts, trace.OnlyThreads(strings.Split(*only, ",")...))
	}
	if err := trace.CheckFiles(flag.Arg(0), flag.Arg(1), opts...); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println("ok")
}
