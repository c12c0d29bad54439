// ANCHOR: command

// Command timeline runs a small program while package timeline records
// it: two file reads on the pool, a computation queued by the first
// read's callback, an immediate and a timer. When the loop has finished,
// it prints what the recording holds: each hand-off from one thread to
// another (the arrows of the picture), what each pool thread ran, and
// how often main waited. Set TIMELINE to a file name to have it also
// draw the run there, as an SVG picture:
//
//	go run ./steps/16-watching/examples/timeline
//	TIMELINE=/tmp/run.svg go run ./steps/16-watching/examples/timeline
//
// Node has no such recorder, so this example has no JavaScript twin.
package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/nodeexperiment/gonode/steps/16-watching/console"
	"github.com/nodeexperiment/gonode/steps/16-watching/crypto"
	"github.com/nodeexperiment/gonode/steps/16-watching/fs"
	"github.com/nodeexperiment/gonode/steps/16-watching/internal/program"
	"github.com/nodeexperiment/gonode/steps/16-watching/js"
	"github.com/nodeexperiment/gonode/steps/16-watching/loop"
	"github.com/nodeexperiment/gonode/steps/16-watching/timeline"
)

// init pins the main goroutine to the process's first OS thread:
// "main" in the trace is the main thread.
func init() { runtime.LockOSThread() }

// ANCHOR_END: command

// ANCHOR: main

func main() {
	var svg *os.File
	if path := os.Getenv("TIMELINE"); path != "" {
		// Created first: a path that cannot be written is an error
		// before anything runs, not after.
		f, err := os.Create(path)
		if err != nil {
			program.Exit(fmt.Errorf("TIMELINE: %w", err))
		}
		svg = f
	}
	r := timeline.Start()
	err := program.Run(example)
	timeline.Stop()
	report(r)
	if svg != nil {
		err = errors.Join(err, draw(r, svg))
	}
	program.Exit(err)
}

// ANCHOR_END: main

// ANCHOR: program

// example is the program the recording watches.
func example(rt *loop.Runtime, _ string) {
	file := testFile()
	console.Log("Reading test.txt twice")
	fs.Read(rt, file, func(err error, text js.Value) {
		if err != nil {
			console.Log("Error: " + err.Error())
			return
		}
		console.Log("First read done; queueing an Encrypt")
		crypto.Encrypt(rt, 30, func(err error, n js.Value) {
			if err != nil {
				console.Log("Error: " + err.Error())
				return
			}
			console.Log("Encrypt done")
		})
	})
	fs.Read(rt, file, func(err error, text js.Value) {
		if err != nil {
			console.Log("Error: " + err.Error())
			return
		}
		console.Log("Second read done")
	})
	console.Log("Setting an immediate and a 500 ms timer")
	rt.SetImmediate(func() { console.Log("Immediate") })
	rt.SetTimeout(500, func() { console.Log("Timer: 500 ms have passed") })
}

// ANCHOR_END: program

// ANCHOR: report

// report prints, from what r recorded, every hand-off in the order the
// receiving thread took it, the tasks each pool thread ran, and how
// often main waited in the event queue.
func report(r *timeline.Recorder) {
	for _, h := range r.Handoffs() {
		console.Log(fmt.Sprintf("handed off: %s %d, %s to %s", h.What, h.ID, h.From, h.To))
	}
	ran := map[string][]string{}
	waits := 0
	for _, e := range r.Events() {
		switch {
		case e.Kind == timeline.Task:
			ran[e.Thread] = append(ran[e.Thread], e.Label)
		case e.Kind == timeline.Wait && e.Thread == "main":
			waits++
		}
	}
	threads := make([]string, 0, len(ran))
	for t := range ran {
		threads = append(threads, t)
	}
	slices.Sort(threads)
	for _, t := range threads {
		console.Log(fmt.Sprintf("%s ran: %s", t, strings.Join(ran[t], ", ")))
	}
	console.Log(fmt.Sprintf("main waited %d times", waits))
}

// ANCHOR_END: report

// draw writes the picture of what r recorded into f and closes it.
func draw(r *timeline.Recorder, f *os.File) error {
	title := fmt.Sprintf("examples/timeline: one run, %d pool threads", r.Threads("pool"))
	err := r.WriteSVG(f, title)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("TIMELINE: %w", err)
	}
	return nil
}

// testFile is the runtime's test.txt, two folders up from this source
// file, wherever the program runs from.
func testFile() string {
	_, src, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(src), "..", "..", "test.txt")
}
