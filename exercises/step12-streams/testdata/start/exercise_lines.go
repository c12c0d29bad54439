//go:build exercises && !solution

package streams

// Exercise step 12, Lines: cut a stream into lines as its bytes arrive.
//
// This is the file you edit. Check your answer with
//
//	go test -tags exercises -run Lines ./exercises/step12-streams
//
// The reference answer is in solution_lines.go; the same test runs it
// with -tags exercises,solution.

import "github.com/nodeexperiment/gonode/steps/12-streams/loop"

// ANCHOR: start

// ReadLines reads c and calls onLine with each line it sends, without
// its "\n", in order; at the end of the stream it calls onLine with what
// follows the last "\n", if anything does, then onEnd(nil); if reading
// fails, it calls onEnd with the error. It closes c at the end either
// way. A line may come in several reads, and one read may hold several
// lines; and the bytes a read callback gets are the runtime's one read
// buffer, valid only until the callback returns.
//
// This starting point takes each read for a line.
func ReadLines(c *loop.Conn, onLine func(line string), onEnd func(err error)) {
	c.ReadStart(func(err error, data []byte) {
		if err != nil {
			c.Close(nil)
			onEnd(nil)
			return
		}
		onLine(string(data))
	})
}

// ANCHOR_END: start
