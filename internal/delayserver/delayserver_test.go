package delayserver

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestParseDelayPath(t *testing.T) {
	tests := []struct {
		path   string
		delay  time.Duration
		target string
		bad    bool
	}{
		{path: "/delay/2000/url/http://http//www.google.com", delay: 2 * time.Second, target: "http://http/www.google.com"},
		{path: "/delay/0/url/http://example.com/a//b", target: "http://example.com/a/b"},
		{path: "/delay/15/url/plain", delay: 15 * time.Millisecond, target: "plain"},
		{path: "/delay/x/url/http://a", bad: true},
		{path: "/delay/-1/url/http://a", bad: true},
		{path: "/delay/10", bad: true},
		{path: "/delay/10/url/", bad: true},
		{path: "/other/10/url/http://a", bad: true},
	}
	for _, tt := range tests {
		d, target, err := ParseDelayPath(tt.path)
		if tt.bad {
			if err == nil {
				t.Errorf("ParseDelayPath(%q) = %v, %q; want an error", tt.path, d, target)
			}
			continue
		}
		if err != nil || d != tt.delay || target != tt.target {
			t.Errorf("ParseDelayPath(%q) = %v, %q, %v; want %v, %q", tt.path, d, target, err, tt.delay, tt.target)
		}
	}
}

// get sends a raw request, as the tutorial's client does, and returns the
// whole answer; the answer must end cleanly.
func get(t *testing.T, addr, path string) string {
	t.Helper()
	b, err := getRaw(t, addr, path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestAnswersAfterTheDelay(t *testing.T) {
	s, err := Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	start := time.Now()
	resp := get(t, s.Addr(), "/delay/100/url/http://http//www.google.com")
	if took := time.Since(start); took < 100*time.Millisecond {
		t.Errorf("answered after %v, before the 100 ms delay", took)
	}
	lines := strings.Split(resp, "\r\n")
	if lines[0] != "HTTP/1.1 302 Found" || lines[1] != "Server: Cowboy" {
		t.Errorf("first lines = %q, want the status and Server: Cowboy", lines[:2])
	}
	r, err := http.ReadResponse(bufio.NewReader(strings.NewReader(resp)), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Header.Get("Location"); got != "http://http/www.google.com" {
		t.Errorf("Location = %q", got)
	}
}

func TestBadPathIsAClientError(t *testing.T) {
	s, err := Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	resp := get(t, s.Addr(), "/delay/soon/url/x")
	if !strings.HasPrefix(resp, "HTTP/1.1 400 ") {
		t.Errorf("answer = %q, want 400", resp)
	}
}

func TestCloseEndsPendingDelays(t *testing.T) {
	s, err := Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	c, err := net.Dial("tcp", s.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	io.WriteString(c, "GET /delay/60000/url/http://a HTTP/1.1\r\nHost: x\r\n\r\n")
	time.Sleep(50 * time.Millisecond) // let the handler start waiting
	closed := make(chan error)
	go func() { closed <- s.Close() }()
	select {
	case <-closed:
	case <-time.After(10 * time.Second):
		t.Fatal("Close did not return while a 60 s delay was pending")
	}
}

func TestFromEnv(t *testing.T) {
	t.Setenv(EnvAddr, "127.0.0.1:9")
	addr, stop, err := FromEnv()
	if err != nil || addr != "127.0.0.1:9" {
		t.Fatalf("FromEnv() = %q, %v", addr, err)
	}
	stop()
	t.Setenv(EnvAddr, "")
	addr, stop, err = FromEnv()
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	if !strings.HasPrefix(addr, "127.0.0.1:") || addr == "127.0.0.1:0" {
		t.Errorf("in-process server address = %q", addr)
	}
}

// getRaw is get for answers that may end in an error: it returns what
// came and how the read ended.
func getRaw(t *testing.T, addr, path string) (string, error) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	io.WriteString(c, "GET "+path+" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
	b, err := io.ReadAll(c)
	return string(b), err
}

// TestAnswers checks each kind of answer a query asks for, by reading it
// with the standard library's client-side parser.
func TestAnswers(t *testing.T) {
	s, err := Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	const target = "http://example.com/a"
	const body = "Redirecting to " + target + "\n"
	parse := func(raw string) (*http.Response, string, error) {
		r, err := http.ReadResponse(bufio.NewReader(strings.NewReader(raw)), nil)
		if err != nil {
			return nil, "", err
		}
		b, err := io.ReadAll(r.Body)
		return r, string(b), err
	}

	raw, _ := getRaw(t, s.Addr(), "/delay/0/url/"+target+"?answer=chunked&pause=1")
	r, b, err := parse(raw)
	if err != nil || b != body || len(r.TransferEncoding) != 1 || r.TransferEncoding[0] != "chunked" {
		t.Errorf("chunked: %q, %v; want a chunked %q", raw, err, body)
	}
	if strings.Count(raw, "\r\n8\r\n") < 2 {
		t.Errorf("chunked: %q has fewer than two 8-byte chunks", raw)
	}

	start := time.Now()
	raw, _ = getRaw(t, s.Addr(), "/delay/0/url/"+target+"?answer=pieces&pause=40")
	if took := time.Since(start); took < 120*time.Millisecond {
		t.Errorf("pieces: the answer took %v, less than its three 40 ms pauses", took)
	}
	if _, b, err := parse(raw); err != nil || b != body {
		t.Errorf("pieces: %q, %v; want the usual answer", raw, err)
	}

	raw, _ = getRaw(t, s.Addr(), "/delay/0/url/"+target+"?answer=early")
	if _, _, err := parse(raw); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("early: %q parsed with %v; want a body cut short", raw, err)
	}

	// A reset ends the read in an error of the socket's (ECONNRESET, or
	// WSAECONNRESET on Windows, whose message does not say "reset"); a
	// close ends it cleanly.
	raw, err = getRaw(t, s.Addr(), "/delay/0/url/"+target+"?answer=reset")
	if op := (*net.OpError)(nil); !errors.As(err, &op) || op.Op != "read" || op.Timeout() {
		t.Errorf("reset: read %q, %v; want the connection reset", raw, err)
	}

	raw, _ = getRaw(t, s.Addr(), "/delay/0/url/"+target+"?answer=garbage")
	if _, _, err := parse(raw); err == nil || strings.HasPrefix(raw, "HTTP/") {
		t.Errorf("garbage: %q parsed as HTTP", raw)
	}

	for _, q := range []string{"?answer=teapot", "?answer=pieces&pause=x"} {
		raw, _ = getRaw(t, s.Addr(), "/delay/0/url/"+target+q)
		if !strings.HasPrefix(raw, "HTTP/1.1 400 ") {
			t.Errorf("%s: answer = %q, want 400", q, raw)
		}
	}
}
