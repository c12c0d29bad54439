// Package fs is the runtime's file-system module, Node's fs in small.
package fs

import (
	"fmt"
	"time"

	"github.com/nodeexperiment/gonode/steps/15-writing/js"
	"github.com/nodeexperiment/gonode/steps/15-writing/loop"
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
func Read(rt *loop.Runtime, path string, cb func(err error, text js.Value)) {
	delay := Delay
	rt.QueueWork("File read", func() (js.Value, error) {
		time.Sleep(delay)
		b, err := readFile(path)
		if err != nil {
			return js.Undefined, fmt.Errorf("fs.Read: %w", err)
		}
		return js.String(string(b)), nil
	}, cb)
}

// ANCHOR_END: read
