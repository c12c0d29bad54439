package loop_test

import (
	"testing"

	"github.com/nodeexperiment/gonode/steps/14-listening/loop"
)

// acceptOne listens on loopback, runs client with the address on a
// goroutine of its own, and hands the first connection it accepts to
// onConn, having closed the listener. An error listening or accepting
// fails the test.
func acceptOne(t *testing.T, rt *loop.Runtime, onConn func(c *loop.Conn), client func(addr string)) {
	var srv *loop.Server
	srv, err := rt.Listen("127.0.0.1:0", func(err error, c *loop.Conn) {
		if err != nil {
			t.Errorf("accept: %v", err)
			return
		}
		srv.Close(nil)
		onConn(c)
	})
	if err != nil {
		t.Error(err)
		return
	}
	go client(srv.Addr())
}
