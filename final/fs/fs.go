// Package fs is the runtime's file-system module, Node's fs in small.
package fs

import (
	"fmt"
	"time"
	"unsafe" //step:uring

	"github.com/nodeexperiment/gonode/final/js"
	"github.com/nodeexperiment/gonode/final/loop"
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
// With UV_USE_IO_URING=1 and no Delay, no pool thread reads it: the //step:uring
// loop's io_uring ring does (see loop.Runtime.ReadFile). //step:uring
func Read(rt *loop.Runtime, path string, cb func(err error, text js.Value)) {
	delay := Delay
	//step:begin uring
	if delay == 0 && rt.ReadFile(path, func(err error, b []byte) {
		if err != nil {
			cb(fmt.Errorf("fs.Read: %w", err), js.Undefined)
			return
		}
		cb(nil, js.String(string(b)))
	}) {
		return // UV_USE_IO_URING=1: the ring reads it, no pool thread
	}
	//step:end uring
	rt.QueueWork("File read", func() (js.Value, error) {
		time.Sleep(delay)
		b, err := readFile(path)
		if err != nil {
			return js.Undefined, fmt.Errorf("fs.Read: %w", err)
		}
		//step:before uring
		// return js.String(string(b)), nil
		//step:end uring
		return js.String(ownedString(b)), nil //step:uring
	}, cb)
}

//step:begin uring

// ownedString returns b's bytes as a string without copying them. Only
// for a slice that nothing else holds and nobody writes to again, such
// as the one readFile has just made: the copy that string(b) makes is a
// tenth of a small file's read.
func ownedString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

//step:end uring

// ANCHOR_END: read
