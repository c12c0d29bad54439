// ANCHOR: command

// Command final is the complete runtime the book builds, running the
// book's example: two file reads, a computation, timers and a slow web
// request, all in flight at once on one loop thread.
//
//	go run ./final
//
// It starts the local delay server in-process; set DELAY_SERVER=ip:port to
// use one that runs elsewhere, and UV_THREADPOOL_SIZE to change the number
// of pool threads (4 by default). Set TIMELINE=file.svg to also record
// every trace event with its time and thread and draw the run as an SVG
// timeline in that file (package timeline); the trace is the same.
//
// The runtime is in the packages next to this file: loop (the loop, its
// phases, timers and the work queue), pool (the threads), minimio (the
// event queue), console (the trace), js (values), and the modules fs,
// crypto and http.
package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/nodeexperiment/gonode/final/console"
	"github.com/nodeexperiment/gonode/final/crypto"
	"github.com/nodeexperiment/gonode/final/fs"
	"github.com/nodeexperiment/gonode/final/http"
	"github.com/nodeexperiment/gonode/final/internal/program"
	"github.com/nodeexperiment/gonode/final/js"
	"github.com/nodeexperiment/gonode/final/loop"
	"github.com/nodeexperiment/gonode/final/timeline"
)

// init runs on the main goroutine before main, while it is still on the
// process's first OS thread, and pins it there: "main" in the trace is
// the main thread.
func init() { runtime.LockOSThread() }

// ANCHOR_END: command

// ANCHOR: main

func main() {
	path := os.Getenv("TIMELINE")
	if path == "" {
		program.Exit(program.Run(javascript))
	}
	// Create the file first, so that a path that cannot be written is
	// an error before anything runs, not after.
	f, err := os.Create(path)
	if err != nil {
		program.Exit(fmt.Errorf("TIMELINE: %w", err))
	}
	timeline.Start()
	err = program.Run(javascript)
	program.Exit(errors.Join(err, writeTimeline(timeline.Stop(), f)))
}

// writeTimeline draws what r recorded into f and closes it.
func writeTimeline(r *timeline.Recorder, f *os.File) error {
	title := fmt.Sprintf("final/: one run of the book's example, %d pool threads", r.Threads("pool"))
	err := r.WriteSVG(f, title)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("TIMELINE: %w", err)
	}
	return nil
}

// ANCHOR_END: main

// ANCHOR: example

// javascript is the book's example, what would be a script in Node.
func javascript(rt *loop.Runtime, server string) {
	console.Log("First call to read test.txt")
	fs.Read(rt, testFile(), func(err error, text js.Value) {
		if err != nil {
			console.Log("Error: " + err.Error())
			return
		}
		s, _ := text.AsString()
		length := len(s)
		console.Log(fmt.Sprintf("First count: %d characters.", length))
		console.Log(`I want to create a "magic" number based on the text.`)
		crypto.Encrypt(rt, length, func(err error, n js.Value) {
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

	// The missing colon in "http//" is the original's: the module puts
	// "http://" in front of it, and the server echoes what it got.
	console.Log("Registering http get request to google.com")
	http.GetSlow(rt, server, "http//www.google.com", 2000, func(err error, response js.Value) {
		if err != nil {
			console.Log("Error: " + err.Error())
			return
		}
		console.Content(strings.TrimSpace(response.String()), "web call")
	})
}

// ANCHOR_END: example

// ANCHOR: testfile

// testFile finds test.txt: in the working directory if it is there (go run
// from this directory), otherwise next to this source file (go run from
// the repository root).
func testFile() string {
	if _, err := os.Stat("test.txt"); err == nil {
		return "test.txt"
	}
	_, src, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(src), "test.txt")
}

// ANCHOR_END: testfile
