//go:build exercises

package listening

import (
	"errors"
	"io"
	"net"
	"os"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/steps/14-listening/console"
	"github.com/nodeexperiment/gonode/steps/14-listening/loop"
)

// TestMain silences the runtime's own trace lines.
func TestMain(m *testing.M) {
	console.SetOutput(io.Discard)
	os.Exit(m.Run())
}

// ended reports whether the server has ended c (its read gives io.EOF or
// a reset) within wait.
func ended(c net.Conn, wait time.Duration) bool {
	c.SetReadDeadline(time.Now().Add(wait))
	_, err := c.Read(make([]byte, 1))
	var ne net.Error
	return err != nil && !(errors.As(err, &ne) && ne.Timeout())
}

// TestMostTwo runs a server that holds at most two connections: a
// third is closed at once; once one of the two has ended, a fourth is
// served. The handler answers "ok" to what a client sends, and closes
// when the client ends its side.
func TestMostTwo(t *testing.T) {
	rt, err := loop.New(loop.Config{})
	if err != nil {
		t.Fatal(err)
	}
	addrs := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- rt.Run(func() {
			var srv *loop.Server
			served := 0
			srv, err := ServeAtMost(rt, "127.0.0.1:0", 2, func(c *loop.Conn, closed func()) {
				c.ReadStart(func(err error, data []byte) {
					if err == nil {
						c.Write([]byte("ok"), nil)
						return
					}
					c.Close(nil)
					closed()
					if served++; served == 3 {
						srv.Close(nil)
					}
				})
			})
			if err != nil {
				t.Error(err)
				close(addrs)
				return
			}
			addrs <- srv.Addr()
		})
	}()
	addr, ok := <-addrs
	if !ok {
		t.FailNow()
	}
	dial := func() net.Conn {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c
	}
	ask := func(c net.Conn, who string) {
		if _, err := c.Write([]byte("hi")); err != nil {
			t.Fatalf("%s: %v", who, err)
		}
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		b := make([]byte, 2)
		if _, err := io.ReadFull(c, b); err != nil || string(b) != "ok" {
			t.Fatalf("%s: read %q, %v; want \"ok\"", who, b, err)
		}
	}
	a, b := dial(), dial()
	ask(a, "the first connection")
	ask(b, "the second connection")
	third := dial()
	if !ended(third, 2*time.Second) {
		t.Fatal("exercise: not done yet: ServeAtMost (exercises/step14-listening/exercise_most.go) " +
			"must close a connection beyond the limit at once; with two open, a third was still open after 2 s")
	}
	a.(*net.TCPConn).CloseWrite()
	if !ended(a, 10*time.Second) {
		t.Fatal("the first connection was not closed after its client ended its side")
	}
	fourth := dial()
	ask(fourth, "a connection after one of the two closed")
	b.(*net.TCPConn).CloseWrite()
	fourth.(*net.TCPConn).CloseWrite()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the runtime did not finish within 20 s")
	}
}
