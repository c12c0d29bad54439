package loop_test

import (
	"errors"
	"net"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/steps/16-watching/loop"
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

// isReset reports whether err is a reset connection, which is also how
// a client may learn that the server closed a connection it never read.
func isReset(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && !op.Timeout()
}

// resetAfter is a client that connects to addr, sends data, waits for
// wait and then resets the connection: it closes with RST instead of FIN
// (SO_LINGER 0), as a peer that crashes or gives up would. Run it on a
// goroutine of its own.
func resetAfter(t *testing.T, addr string, data []byte, wait time.Duration) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Error(err)
		return
	}
	if _, err := c.Write(data); err != nil {
		t.Error(err)
	}
	time.Sleep(wait)
	c.(*net.TCPConn).SetLinger(0)
	c.Close()
}
