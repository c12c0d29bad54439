//step:file streams

package loop

import (
	"errors"
	"io"
	"net"
	"testing"
	"time"
)

// TestEventsAreBatched connects 20 streams to a server that answers all
// of them, lets every answer arrive before the first tick, and checks
// that the loop takes them in a few waits, not one tick per socket:
// each wait takes every event that is in.
func TestEventsAreBatched(t *testing.T) {
	const n = 20
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	served := make(chan struct{})
	go func() {
		defer close(served)
		for range n {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Write([]byte("hello"))
			c.Close()
		}
	}()
	got := 0
	rt := runProgram(t, Config{}, func(rt *Runtime) {
		for range n {
			rt.Connect(ln.Addr().String(), func(err error, c *Conn) {
				if err != nil {
					t.Error(err)
					return
				}
				var b []byte
				c.ReadStart(func(err error, data []byte) {
					b = append(b, data...)
					if err == nil {
						return
					}
					c.Close(nil)
					if !errors.Is(err, io.EOF) || string(b) != "hello" {
						t.Errorf("read %q, %v; want %q, EOF", b, err, "hello")
					}
					got++
				})
			})
		}
		<-served
		time.Sleep(50 * time.Millisecond) // loopback is quick; this is only slack
	})
	if got != n {
		t.Fatalf("%d of %d connections were read to the end", got, n)
	}
	// One tick for the connects, one for the answers, one for the ends.
	if rt.Ticks() > 3 {
		t.Fatalf("%d sockets whose events were all in took %d ticks; each wait should take them all", n, rt.Ticks())
	}
}
