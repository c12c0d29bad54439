// ANCHOR: package

// Package program runs a program on final's runtime the way the node
// command runs a script: with the delay server the program talks to, a
// runtime configured from the environment, and Node's exit status at the
// end. The book's example (final/main.go), the Going-further examples
// (final/examples) and the conformance suite's Go cases share it.
package program

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/nodeexperiment/gonode/internal/delayserver"
	"github.com/nodeexperiment/gonode/steps/05-runtime/loop"
)

// ANCHOR_END: package

// ANCHOR: run

// Run starts the delay server (the one DELAY_SERVER names, or one of its
// own on 127.0.0.1), builds a runtime as the environment asks
// (UV_THREADPOOL_SIZE), and runs program on it with the server's
// address. It returns what loop.Runtime.Run returns. Call it from the
// goroutine that is to be the loop thread: lock it to its OS thread
// first (runtime.LockOSThread in init keeps it on the main thread).
func Run(program func(rt *loop.Runtime, server string)) error {
	server, stopServer, err := delayserver.FromEnv()
	if err != nil {
		return err
	}
	defer stopServer()
	cfg, err := loop.ConfigFromEnv()
	if err != nil {
		return err
	}
	rt, err := loop.New(cfg)
	if err != nil {
		return err
	}
	return rt.Run(func() { program(rt, server) })
}

// ANCHOR_END: run

// ANCHOR: exit

// Exit ends the process as Node would, after a run that returned err:
//   - nil: status 0;
//   - an error, such as a bad UV_THREADPOOL_SIZE: the command's name
//     and the error on standard error, status 1.
func Exit(err error) {
	if err == nil {
		os.Exit(0)
	}
	fmt.Fprintf(os.Stderr, "%s: %v\n", name(), err)
	os.Exit(1)
}

// ANCHOR_END: exit

// ANCHOR: name

// name is the command's name, as a shell user typed it: "final" for
// go run ./final, whatever the operating system calls the file.
func name() string {
	return strings.TrimSuffix(filepath.Base(os.Args[0]), ".exe")
}

// ANCHOR_END: name
