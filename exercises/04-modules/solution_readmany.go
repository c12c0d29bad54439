//go:build exercises && solution

package main

// The reference answer to the exercise of exercise_readmany.go. Try that
// file first.

import (
	"fmt"
	"os"
)

// ANCHOR: start

// ReadMany reads the files at paths on pool threads, never more than
// limit at a time (a limit below 1 is 1), and calls cb once, on the main
// thread and never before ReadMany has returned: with the contents in the
// order of paths, or with the first error, after which it starts no more
// reads.
//
// All of its state lives in the closure and belongs to the main thread:
// every read's callback runs there, so counting what runs and starting
// the next read needs no lock. Each read is a task of its own rather than
// Fs.Read, whose one-second sleep stands in for a large file.
func (fsModule) ReadMany(paths []string, limit int, cb func(contents []string, err error)) {
	rt := current
	limit = max(limit, 1)
	contents := make([]string, len(paths))
	if len(paths) == 0 {
		SetTimeout(0, func(Js) { cb(contents, nil) }) // later, never at once
		return
	}
	next, running, failed := 0, 0, false
	var fill func()
	fill = func() {
		for running < limit && next < len(paths) && !failed {
			i := next
			next++
			running++
			rt.registerEventThreadpool(func() Js {
				b, err := os.ReadFile(paths[i])
				if err != nil {
					return JsError(fmt.Errorf("Fs.ReadMany: %w", err))
				}
				return JsString(string(b))
			}, FileRead, func(v Js) {
				running--
				if failed {
					return // an earlier read failed and was reported
				}
				if err, ok := v.AsError(); ok {
					failed = true
					cb(nil, err)
					return
				}
				contents[i], _ = v.AsString()
				if next == len(paths) && running == 0 {
					cb(contents, nil)
					return
				}
				fill()
			})
		}
	}
	fill()
}

// ANCHOR_END: start
