package http

import (
	"bytes"
	"errors"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/final/console"
	"github.com/nodeexperiment/gonode/final/internal/looptest"
	"github.com/nodeexperiment/gonode/final/js"
	"github.com/nodeexperiment/gonode/final/loop"
	"github.com/nodeexperiment/gonode/internal/delayserver/delaytest"
)

// get runs one GetSlow for example.com/x against server and returns what
// its callback got.
func get(t *testing.T, server string) (js.Value, error) {
	t.Helper()
	got, _, err := getFrom(t, server, "example.com/x")
	return got, err
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
	got, gotErr := get(t, delaytest.Start(t))
	s, _ := got.AsString()
	if gotErr != nil || !strings.HasPrefix(s, "HTTP/1.1 302 Found") || !strings.Contains(s, "Location: http://example.com/x") {
		t.Fatalf("callback got %v, %q; want the delay server's 302", gotErr, s)
	}
}

// refusedAddr returns a loopback address where nobody listens: a port
// that was just listened on and closed.
func refusedAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

func TestRefusedConnectionIsAnError(t *testing.T) {
	addr := refusedAddr(t)
	got, gotErr := get(t, addr)
	if gotErr == nil || !strings.Contains(gotErr.Error(), "connect") || !got.IsUndefined() {
		t.Fatalf("callback got %v, %v; want a connect error", gotErr, got)
	}
}

// TestRefusedConnectionCallsBackLater checks Node's promise: the callback
// does not run inside the call that failed.
func TestRefusedConnectionCallsBackLater(t *testing.T) {
	addr := refusedAddr(t)
	returned, early := false, false
	looptest.Run(t, func(rt *loop.Runtime) {
		GetSlow(rt, addr, "x", 0, func(error, js.Value) { early = !returned })
		returned = true
	})
	if early {
		t.Fatal("the callback ran before GetSlow returned")
	}
}

// TestBadURLIsAnError checks that a url that cannot go into the request
// line reaches the callback as ErrBadURL, after GetSlow has returned, and
// that no request is sent (the server would see the smuggled header):
// GetSlow must not even connect, or the address, where nobody listens,
// would answer with a refusal instead.
func TestBadURLIsAnError(t *testing.T) {
	server := refusedAddr(t)
	for _, url := range []string{"", "/no-host", "a b", "example.com/x\r\nX-Smuggled: 1", "example.com/\x7f", "exa mple.com"} {
		var gotErr error
		calls, returned, early := 0, false, false
		looptest.Run(t, func(rt *loop.Runtime) {
			GetSlow(rt, server, url, 0, func(err error, v js.Value) {
				calls++
				gotErr, early = err, !returned
			})
			returned = true
		})
		if calls != 1 || early || !errors.Is(gotErr, ErrBadURL) {
			t.Errorf("GetSlow(%q): %d calls, early %v, error %v; want one later call with ErrBadURL", url, calls, early, gotErr)
		}
	}
}

func TestEarlyCloseIsAnError(t *testing.T) {
	_, gotErr := get(t, serveOnce(t, ""))
	if !errors.Is(gotErr, ErrClosedEarly) {
		t.Fatalf("callback got %v, want ErrClosedEarly", gotErr)
	}
}

//step:begin parsing

func TestMalformedResponseIsAnError(t *testing.T) {
	for _, answer := range []string{"garbage\r\n\r\n", "HTTP/1.1 OK\r\n\r\n", "HTTP/9.9 200 OK\r\n\r\n"} {
		_, gotErr := get(t, serveOnce(t, answer))
		if !errors.Is(gotErr, ErrMalformed) {
			t.Errorf("answer %q: callback got %v, want ErrMalformed", answer, gotErr)
		}
	}
}

//step:end parsing

// getFrom runs one GetSlow for url against server, with the trace kept,
// and returns what its callback got and the trace.
func getFrom(t *testing.T, server, url string) (response js.Value, trace string, err error) {
	t.Helper()
	var gotErr error
	var got js.Value
	var out bytes.Buffer
	calls := 0
	looptest.Run(t, func(rt *loop.Runtime) {
		console.SetOutput(&out) // looptest.Run puts the old writer back
		GetSlow(rt, server, url, 0, func(err error, v js.Value) {
			calls++
			gotErr, got = err, v
		})
	})
	if calls != 1 {
		t.Fatalf("the callback ran %d times, want once", calls)
	}
	return got, out.String(), gotErr
}

// TestAnswerInPieces gets an answer that comes in four writes, 30 ms
// apart, cut inside the status line, the header and the body: GetSlow
// must read each piece as it comes and register again, under the same
// id, until the body is complete.
func TestAnswerInPieces(t *testing.T) {
	got, trace, err := getFrom(t, delaytest.Start(t), "example.com/x?answer=pieces&pause=30")
	s, _ := got.AsString()
	if err != nil || !strings.HasPrefix(s, "HTTP/1.1 302 Found\r\n") || !strings.HasSuffix(s, "\r\n\r\nRedirecting to http://example.com/x\n") {
		t.Fatalf("callback got %v, %q; want the whole 302", err, s)
	}
	if n := strings.Count(trace, "Event with id: 1 registered."); n != 1 {
		t.Errorf("the trace registers the stream %d times, want once:\n%s", n, trace)
	}
	if n := strings.Count(trace, "epoll event 1 is ready"); n < 2 {
		t.Errorf("the answer came with %d events; four writes 30 ms apart take several:\n%s", n, trace)
	}
}

//step:begin parsing

func TestChunkedAnswer(t *testing.T) {
	got, _, err := getFrom(t, delaytest.Start(t), "example.com/x?answer=chunked&pause=5")
	s, _ := got.AsString()
	r, perr := ParseResponse([]byte(s), false)
	if err != nil || perr != nil || r.Header.Get("Transfer-Encoding") != "" ||
		string(r.Body) != "Redirecting to http://example.com/x\n" || !strings.HasSuffix(s, "0\r\n\r\n") {
		t.Fatalf("callback got %v, %q (%v); want the whole chunked 302", err, s, perr)
	}
}

//step:end parsing

//step:begin parsing

func TestCloseMidBodyIsAnError(t *testing.T) {
	_, _, err := getFrom(t, delaytest.Start(t), "example.com/x?answer=early")
	if !errors.Is(err, ErrTruncated) {
		t.Fatalf("callback got %v, want ErrTruncated", err)
	}
}

//step:end parsing

//step:begin parsing

func TestResetIsAnError(t *testing.T) {
	_, _, err := getFrom(t, delaytest.Start(t), "example.com/x?answer=reset")
	// Whether the reset overtakes the half body or not, the callback
	// gets an error (the reset's, or ErrTruncated), never a response.
	if err == nil || errors.Is(err, ErrMalformed) {
		t.Fatalf("callback got %v, want the reset or ErrTruncated", err)
	}
}

//step:end parsing

//step:begin parsing

func TestGarbageIsAnError(t *testing.T) {
	_, _, err := getFrom(t, delaytest.Start(t), "example.com/x?answer=garbage")
	if !errors.Is(err, ErrMalformed) {
		t.Fatalf("callback got %v, want ErrMalformed", err)
	}
}

//step:end parsing

// TestTheLoopRunsWhileTheAnswerIsAwaited asks a server that reads the
// request and then says nothing for 300 ms: the loop thread must not
// block waiting for it, so a 20 ms timer set after GetSlow fires first,
// and the callback gets ErrClosedEarly when the server hangs up.
func TestTheLoopRunsWhileTheAnswerIsAwaited(t *testing.T) {
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
		time.Sleep(300 * time.Millisecond)
	}()
	var order []string
	looptest.Run(t, func(rt *loop.Runtime) {
		GetSlow(rt, ln.Addr().String(), "example.com", 0, func(err error, _ js.Value) {
			if !errors.Is(err, ErrClosedEarly) {
				t.Errorf("callback got %v, want ErrClosedEarly", err)
			}
			order = append(order, "answer")
		})
		rt.SetTimeout(20, func() { order = append(order, "timer") })
	})
	if want := []string{"timer", "answer"}; !slices.Equal(order, want) {
		t.Fatalf("callbacks ran as %q, want %q", order, want)
	}
}
