package http

import (
	"errors"
	"net"
	"strings"
	"testing"

	"github.com/nodeexperiment/gonode/final/internal/looptest"
	"github.com/nodeexperiment/gonode/final/js"
	"github.com/nodeexperiment/gonode/final/loop"
	"github.com/nodeexperiment/gonode/internal/delayserver"
)

// get runs one GetSlow against server and returns what its callback got.
func get(t *testing.T, server string) (js.Value, error) {
	t.Helper()
	var gotErr error
	var got js.Value
	calls := 0
	looptest.Run(t, func(rt *loop.Runtime) {
		GetSlow(rt, server, "example.com/x", 20, func(err error, v js.Value) {
			calls++
			gotErr, got = err, v
		})
	})
	if calls != 1 {
		t.Fatalf("the callback ran %d times, want once", calls)
	}
	return got, gotErr
}

// serveOnce starts a server that answers one connection with answer,
// after reading the request, and hangs up.
func serveOnce(t *testing.T, answer string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		c.Read(make([]byte, 1024))
		c.Write([]byte(answer))
	}()
	return ln.Addr().String()
}

func TestGetSlow(t *testing.T) {
	srv, err := delayserver.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	got, gotErr := get(t, srv.Addr())
	s, _ := got.AsString()
	if gotErr != nil || !strings.HasPrefix(s, "HTTP/1.1 302 Found") || !strings.Contains(s, "Location: http://example.com/x") {
		t.Fatalf("callback got %v, %q; want the delay server's 302", gotErr, s)
	}
}

func TestRefusedConnectionIsAnError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nobody listens there now
	got, gotErr := get(t, addr)
	if gotErr == nil || !strings.Contains(gotErr.Error(), "connect") || !got.IsUndefined() {
		t.Fatalf("callback got %v, %v; want a connect error", gotErr, got)
	}
}

// TestRefusedConnectionCallsBackLater checks Node's promise: the callback
// does not run inside the call that failed.
func TestRefusedConnectionCallsBackLater(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	returned, early := false, false
	looptest.Run(t, func(rt *loop.Runtime) {
		GetSlow(rt, addr, "x", 0, func(error, js.Value) { early = !returned })
		returned = true
	})
	if early {
		t.Fatal("the callback ran before GetSlow returned")
	}
}

func TestEarlyCloseIsAnError(t *testing.T) {
	_, gotErr := get(t, serveOnce(t, ""))
	if !errors.Is(gotErr, ErrClosedEarly) {
		t.Fatalf("callback got %v, want ErrClosedEarly", gotErr)
	}
}

func TestMalformedResponseIsAnError(t *testing.T) {
	for _, answer := range []string{"garbage\r\n\r\n", "HTTP/1.1 OK\r\n\r\n", "HTTP/9.9 200 OK\r\n\r\n"} {
		_, gotErr := get(t, serveOnce(t, answer))
		if !errors.Is(gotErr, ErrMalformed) {
			t.Errorf("answer %q: callback got %v, want ErrMalformed", answer, gotErr)
		}
	}
}
