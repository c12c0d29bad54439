package loop

import (
	"net"
	"testing"
	"time"
)

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestConnectNeverBlocksTheLoop connects to a listener whose queue is
// full, so the kernel drops the SYN and the connect takes a second or
// more: Connect must return at once, and a timer set after it must fire
// while it connects.
func TestConnectNeverBlocksTheLoop(t *testing.T) {
	addr, release := fullListener(t)
	var order []string
	var took time.Duration
	runProgram(t, Config{}, func(rt *Runtime) {
		start := time.Now()
		rt.Connect(addr, func(err error, c *Conn) {
			order = append(order, "connected")
			if c != nil {
				c.Close(nil)
			}
		})
		took = time.Since(start)
		rt.SetTimeout(50, func() {
			order = append(order, "timer")
			release()
		})
	})
	if took > 100*time.Millisecond {
		t.Errorf("Connect took %v; it must not wait for the connection", took)
	}
	if want := []string{"timer", "connected"}; !equal(order, want) {
		t.Fatalf("callbacks ran as %q, want %q", order, want)
	}
}

// fullListener returns the address of a listener whose accept queue is
// full, so that a further connect waits (Linux drops its SYN), and a
// function that accepts what waits, letting that connect through.
func fullListener(t *testing.T) (string, func()) {
	t.Helper()
	ln, err := listenBacklog0()
	if err != nil {
		t.Skipf("cannot make a listener with a full queue here: %v", err)
	}
	t.Cleanup(func() { ln.Close() })
	var fillers []net.Conn
	t.Cleanup(func() {
		for _, c := range fillers {
			c.Close()
		}
	})
	for range 2 { // backlog 0 holds one; the second makes sure
		c, err := net.DialTimeout("tcp", ln.Addr().String(), 200*time.Millisecond)
		if err != nil {
			break
		}
		fillers = append(fillers, c)
	}
	release := func() {
		go func() {
			for {
				c, err := ln.Accept()
				if err != nil {
					return
				}
				t.Cleanup(func() { c.Close() })
			}
		}()
	}
	return ln.Addr().String(), release
}
