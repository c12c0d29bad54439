//go:build exercises && solution

package listening

// The reference answer to the exercise of exercise_most.go. Try that file first.

import "github.com/nodeexperiment/gonode/steps/14-listening/loop"

// ANCHOR: start

// ServeAtMost counts the connections it has handed out and not yet heard
// closed. All of it runs on the loop thread, so the count needs no lock.
// Each connection's closed counts once, however often it is called.
func ServeAtMost(rt *loop.Runtime, addr string, max int, handle func(c *loop.Conn, closed func())) (*loop.Server, error) {
	open := 0
	return rt.Listen(addr, func(err error, c *loop.Conn) {
		if err != nil {
			return
		}
		if open >= max {
			c.Close(nil)
			return
		}
		open++
		done := false
		handle(c, func() {
			if !done {
				done = true
				open--
			}
		})
	})
}

// ANCHOR_END: start
