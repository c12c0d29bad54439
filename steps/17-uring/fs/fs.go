// Package fs is the runtime's file-system module, Node's fs in small.
package fs

import (
	"fmt"
	"time"
	"unsafe"

	"github.com/nodeexperiment/gonode/steps/17-uring/js"
	"github.com/nodeexperiment/gonode/steps/17-uring/loop"
)

// Delay is how long Read sleeps before reading, to stand in for a file
// large enough to take that long. Tests may shorten it; change it only
// while no runtime is running.
var Delay = time.Second

// ANCHOR: read

// Read reads the file at path on a pool thread, then calls cb on the
// loop thread with its contents as a string, or with an error that
// wraps the *os.PathError (errors.Is(err, fs.ErrNotExist) works for a
// missing file). Loop thread only.
// With UV_USE_IO_URING=1 and no Delay, no pool thread reads it: the
// loop's io_uring ring does (see loop.Runtime.ReadFile).
func Read(rt *loop.Runtime, path string, cb func(err error, text js.Value)) {
	delay := Delay
	if delay == 0 && rt.ReadFile(path, func(err error, b []byte) {
		if err != nil {
			cb(fmt.Errorf("fs.Read: %w", err), js.Undefined)
			return
		}
		cb(nil, js.String(string(b)))
	}) {
		return // UV_USE_IO_URING=1: the ring reads it, no pool thread
	}
	rt.QueueWork("File read", func() (js.Value, error) {
		time.Sleep(delay)
		b, err := readFile(path)
		if err != nil {
			return js.Undefined, fmt.Errorf("fs.Read: %w", err)
		}
		return js.String(ownedString(b)), nil
	}, cb)
}

// ownedString returns b's bytes as a string without copying them. Only
// for a slice that nothing else holds and nobody writes to again, such
// as the one readFile has just made: the copy that string(b) makes is a
// tenth of a small file's read.
func ownedString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// ANCHOR_END: read
