package loop

import (
	"io"
	"net"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/final/minimio"
)

// TestEventsAreBatched connects 20 streams to a server that answers all
// of them, lets every answer arrive before the first tick, and checks
// that one wait in the event queue takes them all.
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
			s, err := minimio.Connect(ln.Addr().String())
			if err != nil {
				t.Error(err) // not Fatal: this is the loop's goroutine
				return
			}
			err = rt.WatchReadable(s, func() {
				defer s.Close()
				b, err := io.ReadAll(s)
				if err != nil || string(b) != "hello" {
					t.Errorf("read %q, %v; want %q", b, err, "hello")
				}
				got++
			})
			if err != nil {
				t.Error(err)
				return
			}
		}
		<-served
		time.Sleep(50 * time.Millisecond) // loopback is quick; this is only slack
	})
	if got != n {
		t.Fatalf("%d of %d callbacks ran", got, n)
	}
	if rt.Ticks() > 2 {
		t.Fatalf("%d events that were all in took %d ticks; one wake-up should take them all", n, rt.Ticks())
	}
}
