//go:build exercises && !solution

package listening

// Exercise step 14, Most: a server that refuses connections beyond a
// limit, as Node's server.maxConnections does.
//
// This is the file you edit. Check your answer with
//
//	go test -tags exercises -run Most ./exercises/step14-listening
//
// The reference answer is in solution_most.go; the same test runs it
// with -tags exercises,solution.

import "github.com/nodeexperiment/gonode/steps/14-listening/loop"

// ANCHOR: start

// ServeAtMost listens on addr and hands each connection it accepts to
// handle, with a function closed that handle calls once it has closed
// that connection. While max connections are open (handed to handle and
// not yet closed), it closes each new connection at once instead, and
// handle never sees it. A failure to accept is ignored; a failure to
// listen is returned.
//
// This starting point hands every connection to handle.
func ServeAtMost(rt *loop.Runtime, addr string, max int, handle func(c *loop.Conn, closed func())) (*loop.Server, error) {
	return rt.Listen(addr, func(err error, c *loop.Conn) {
		if err != nil {
			return
		}
		handle(c, func() {})
	})
}

// ANCHOR_END: start
