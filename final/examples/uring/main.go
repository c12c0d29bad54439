// ANCHOR: command

// Command uring reads the same two files twice, each time on a runtime
// of its own: first as Node 20 does by default, on the pool threads,
// then with UV_USE_IO_URING=1, through an io_uring ring that the loop
// thread submits to and reaps from in its poll phase, with no pool
// thread involved. Where the system refuses io_uring, it says so and
// the second run uses the pool too.
//
//	go run ./final/examples/uring
package main

import (
	"errors"
	"os"
	"runtime"
	"strconv"

	"github.com/nodeexperiment/gonode/final/console"
	"github.com/nodeexperiment/gonode/final/fs"
	"github.com/nodeexperiment/gonode/final/internal/program"
	"github.com/nodeexperiment/gonode/final/js"
	"github.com/nodeexperiment/gonode/final/loop"
	"github.com/nodeexperiment/gonode/final/uring"
)

func init() { runtime.LockOSThread() }

// init turns off fs.Read's pretend slow disk: the ring reads real files
// only (the pretend delay is a pool thread's sleep).
func init() { fs.Delay = 0 }

func main() {
	os.Unsetenv(loop.EnvUseIoUring)
	console.Log("Without io_uring: the pool reads")
	if err := run(); err != nil {
		program.Exit(err)
	}
	if r, err := uring.New(4, 1); err != nil {
		console.Log("io_uring is not available here: the pool reads again")
	} else {
		r.Close()
		os.Setenv(loop.EnvUseIoUring, "1")
		console.Log("With UV_USE_IO_URING=1: the ring reads")
	}
	program.Exit(run())
}

// ANCHOR_END: command

// ANCHOR: program

// run reads main.go and a missing file on a new runtime.
func run() error {
	rt, err := loop.New(loop.Config{})
	if err != nil {
		return err
	}
	return rt.Run(func() {
		for _, name := range []string{"main.go", "missing.txt"} {
			fs.Read(rt, name, func(err error, text js.Value) {
				switch {
				case errors.Is(err, os.ErrNotExist):
					console.Log(name + ": no such file (ENOENT)")
				case err != nil:
					console.Log(name + ": " + err.Error())
				default:
					console.Log(name + ": " + strconv.Itoa(len(text.String())) + " characters")
				}
			})
		}
	})
}

// ANCHOR_END: program
