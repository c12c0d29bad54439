//go:build exercises

package main

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/exercises/internal/runjs"
	"github.com/nodeexperiment/gonode/internal/delayserver"
)

// runJS runs program on a new runtime; see runjs.Program.
func runJS(t *testing.T, program func()) {
	t.Helper()
	runjs.Program(t, NewRuntime, program)
}

// target is the server a redirect points to, on Go's own network poller.
type target struct {
	addr    string
	mu      sync.Mutex
	asked   []string      // the paths asked for, in order
	arrived atomic.Bool   // /slow has been asked for
	release chan struct{} // closed to let /slow answer
}

// startTarget serves /hello (200), /hop (a redirect to /hello), /slow (200
// once release is closed, or after 5 s) and /delay/… (200, to stand in for
// a delay server that does not redirect).
func startTarget(t *testing.T) *target {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	tg := &target{addr: ln.Addr().String(), release: make(chan struct{})}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tg.mu.Lock()
		tg.asked = append(tg.asked, r.URL.Path)
		tg.mu.Unlock()
		switch {
		case r.URL.Path == "/hello":
			fmt.Fprint(w, "hello from the target")
		case r.URL.Path == "/hop":
			http.Redirect(w, r, "/hello", http.StatusFound)
		case r.URL.Path == "/slow":
			tg.arrived.Store(true)
			select {
			case <-tg.release:
			case <-time.After(5 * time.Second):
			}
			fmt.Fprint(w, "slow answer")
		case strings.HasPrefix(r.URL.Path, "/delay/"):
			fmt.Fprint(w, "no redirect here")
		default:
			http.NotFound(w, r)
		}
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return tg
}

func (tg *target) paths() []string {
	tg.mu.Lock()
	defer tg.mu.Unlock()
	return append([]string(nil), tg.asked...)
}

// useDelayServer points Http at a delay server for the test.
func useDelayServer(t *testing.T) {
	t.Helper()
	s, err := delayserver.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	Http.Server = s.Addr()
}

// answer fails the test unless v is a response that starts with status.
func answer(t *testing.T, v Js, status string) string {
	t.Helper()
	if err, ok := v.AsError(); ok {
		t.Fatalf("the callback got an error: %v", err)
	}
	s, ok := v.AsString()
	if !ok || !strings.HasPrefix(s, "HTTP/1.1 "+status) {
		t.Fatalf("the callback got %q, want an answer with status %s", v, status)
	}
	return s
}

// getFollow runs Http.GetFollow(url, delayMs) in a program of its own
// and returns what its callback got.
func getFollow(t *testing.T, url string, delayMs int) Js {
	t.Helper()
	var got Js
	runJS(t, func() { Http.GetFollow(url, delayMs, func(v Js) { got = v }) })
	return got
}

func TestRedirectFollowed(t *testing.T) {
	useDelayServer(t)
	tg := startTarget(t)
	if s := answer(t, getFollow(t, tg.addr+"/hello", 50), "200"); !strings.HasSuffix(s, "hello from the target") {
		t.Fatalf("the answer %q is not the target's", s)
	}
	if p := tg.paths(); len(p) != 1 || p[0] != "/hello" {
		t.Fatalf("the target was asked for %q, want [/hello]", p)
	}
}

// TestRedirectSecondWaitIsTheEventQueues holds the redirect's answer back until
// a timer on the main thread has seen that the second request arrived.
// That can only happen if the main thread is free while it waits: a
// GetFollow that read the second answer with a blocking read would hold
// the timer up for the 5 s the target waits.
func TestRedirectSecondWaitIsTheEventQueues(t *testing.T) {
	useDelayServer(t)
	tg := startTarget(t)
	var order []string
	var got Js
	runJS(t, func() {
		Http.GetFollow(tg.addr+"/slow", 0, func(v Js) {
			got = v
			order = append(order, "answer")
		})
		polls := 0
		var watch func(Js)
		watch = func(Js) {
			switch {
			case len(order) > 0:
				return // answered already: nothing left to see
			case tg.arrived.Load():
				order = append(order, "a timer saw the request")
				close(tg.release)
				return
			}
			if polls++; polls < 2000 {
				SetTimeout(5, watch)
			}
		}
		SetTimeout(5, watch)
	})
	answer(t, got, "200")
	if len(order) != 2 || order[0] != "a timer saw the request" {
		t.Fatalf("the callbacks ran as %q, want a timer's, then the answer's: "+
			"the main thread was blocked while it waited for the redirect's answer; "+
			"register the second stream with the event queue", order)
	}
}

func TestRedirectOnlyOne(t *testing.T) {
	useDelayServer(t)
	tg := startTarget(t)
	if s := answer(t, getFollow(t, tg.addr+"/hop", 0), "302"); !strings.Contains(s, "Location: /hello") {
		t.Fatalf("the answer %q is not /hop's redirect", s)
	}
	if p := tg.paths(); len(p) != 1 {
		t.Fatalf("the target was asked for %q: a second redirect was followed", p)
	}
}

func TestRedirectNotARedirect(t *testing.T) {
	tg := startTarget(t)
	Http.Server = tg.addr // answers /delay/… with a 200
	if s := answer(t, getFollow(t, "127.0.0.1:1/never", 0), "200"); !strings.HasSuffix(s, "no redirect here") {
		t.Fatalf("the answer %q is not the server's", s)
	}
	if p := tg.paths(); len(p) != 1 {
		t.Fatalf("the server was asked for %q, want the one request", p)
	}
}

func TestRedirectThatFailsIsAnError(t *testing.T) {
	useDelayServer(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	nobody := ln.Addr().String()
	ln.Close() // nobody listens there now
	for _, url := range []string{nobody + "/refused", "example.invalid/a-name"} {
		var got Js
		calls := 0
		runJS(t, func() {
			Http.GetFollow(url, 0, func(v Js) { got = v; calls++ })
		})
		err, ok := got.AsError()
		if !ok || calls != 1 {
			t.Fatalf("a redirect to http://%s: the callback ran %d times, last with %q; want once, with an error", url, calls, got)
		}
		if strings.HasSuffix(url, "/refused") && !errors.Is(err, syscall.ECONNREFUSED) {
			t.Fatalf("a redirect to a port nobody listens on gave %v, want an error that wraps ECONNREFUSED", err)
		}
	}
}
