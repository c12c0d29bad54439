//go:build exercises && solution

package streams

// The reference answer to the exercise of exercise_lines.go. Try that file first.

import (
	"bytes"
	"io"

	"github.com/nodeexperiment/gonode/steps/12-streams/loop"
)

// ANCHOR: start

// ReadLines reads c and calls onLine with each line it sends. The part
// of a line that a read ends in the middle of is kept in partial, a
// slice of our own: append copies it out of the runtime's read buffer,
// which the next read overwrites.
func ReadLines(c *loop.Conn, onLine func(line string), onEnd func(err error)) {
	var partial []byte
	c.ReadStart(func(err error, data []byte) {
		if err != nil {
			c.Close(nil)
			if err != io.EOF {
				onEnd(err)
				return
			}
			if len(partial) > 0 {
				onLine(string(partial))
			}
			onEnd(nil)
			return
		}
		for {
			i := bytes.IndexByte(data, '\n')
			if i < 0 {
				partial = append(partial, data...)
				return
			}
			onLine(string(append(partial, data[:i]...)))
			partial, data = partial[:0], data[i+1:]
		}
	})
}

// ANCHOR_END: start
