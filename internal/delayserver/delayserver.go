// Package delayserver is the "remote server" of the tutorial's examples: a
// small HTTP server on the loopback interface that answers
//
//	GET /delay/{ms}/url/{target}
//
// after {ms} milliseconds with "302 Found" and "Location: {target}".
//
// It stands in for "slowwly", the public delay service that the original
// Rust examples called and that has been offline since 2021. Like slowwly,
// it collapses repeated slashes in the target after its scheme (so the
// original's "http://http//www.google.com" comes back as
// "http://http/www.google.com") and answers with "Server: Cowboy" on the
// second line.
//
// # Answers that test a client
//
// A query string picks another kind of answer, to test how a client
// copes with what real servers do; the path's target does not include it:
//
//	?answer=chunked   the body in chunks (Transfer-Encoding: chunked),
//	                  each chunk its own write, {pause} apart
//	?answer=pieces    the usual answer cut into four writes, {pause}
//	                  apart: the status line, the header and the body
//	                  each arrive in parts
//	?answer=early     the header and half the body, then the connection
//	                  is closed (Content-Length promises the whole body)
//	?answer=reset     the same half answer, then the connection is reset
//	                  (RST) instead of closed
//	?answer=garbage   bytes that are not HTTP, then close
//	&pause={ms}       the pause between writes (default 50 ms)
//
// An unknown answer is a 400 Bad Request.
//
// The server runs on Go's own network poller (net/http), in the same
// process as the program by default. That is deliberate: it plays the part
// of a machine somewhere else, and the event queue we build in the book is
// only ever the client.
package delayserver

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// EnvAddr is the environment variable that points programs at an external
// delay server ("127.0.0.1:8080") instead of starting one in-process.
const EnvAddr = "DELAY_SERVER"

// Server is a running delay server. Its methods are safe for concurrent
// use.
type Server struct {
	ln       net.Listener
	srv      *http.Server
	done     chan struct{} // closed by Close: pending delays end at once
	handlers sync.WaitGroup
	mu       sync.Mutex
	closed   bool // guarded by mu; no handler starts once it is set
	once     sync.Once
}

// Start listens on addr ("127.0.0.1:0" picks a free port) and serves in
// the background until Close.
func Start(addr string) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("delayserver: %w", err)
	}
	s := &Server{ln: ln, done: make(chan struct{})}
	s.srv = &http.Server{Handler: http.HandlerFunc(s.serve), ReadHeaderTimeout: 10 * time.Second}
	go s.srv.Serve(ln)
	return s, nil
}

// Addr returns the address the server listens on, as "ip:port".
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Close stops the server: it stops accepting, ends every pending delay
// without answering, and returns once every handler has finished.
func (s *Server) Close() error {
	var err error
	s.once.Do(func() {
		s.mu.Lock()
		s.closed = true
		s.mu.Unlock()
		close(s.done)
		err = s.srv.Close()
		s.handlers.Wait()
	})
	return err
}

// FromEnv returns the address of the delay server a program should use: the
// one named by DELAY_SERVER if it is set, otherwise a new in-process server
// on 127.0.0.1. The returned stop function closes the in-process server
// (it does nothing for an external one).
func FromEnv() (addr string, stop func() error, err error) {
	if a := os.Getenv(EnvAddr); a != "" {
		return a, func() error { return nil }, nil
	}
	s, err := Start("127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	return s.Addr(), s.Close, nil
}

// ParseDelayPath splits "/delay/{ms}/url/{target}" into its delay and
// target. The target keeps everything after "/url/", slashes included.
func ParseDelayPath(path string) (time.Duration, string, error) {
	rest, ok := strings.CutPrefix(path, "/delay/")
	if !ok {
		return 0, "", errors.New("path does not start with /delay/")
	}
	msText, target, ok := strings.Cut(rest, "/url/")
	if !ok {
		return 0, "", errors.New("path has no /url/ part")
	}
	ms, err := strconv.ParseUint(msText, 10, 32)
	if err != nil {
		return 0, "", fmt.Errorf("bad delay %q: want whole milliseconds", msText)
	}
	if target == "" {
		return 0, "", errors.New("empty target")
	}
	return time.Duration(ms) * time.Millisecond, collapseSlashes(target), nil
}

// collapseSlashes turns runs of "/" after the scheme's "//" into one, as
// slowwly did.
func collapseSlashes(target string) string {
	scheme, rest, ok := strings.Cut(target, "://")
	if !ok {
		scheme, rest = "", target
	}
	for strings.Contains(rest, "//") {
		rest = strings.ReplaceAll(rest, "//", "/")
	}
	if !ok {
		return rest
	}
	return scheme + "://" + rest
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if !s.enter() {
		return
	}
	defer s.handlers.Done()
	delay, target, err := ParseDelayPath(r.URL.EscapedPath())
	if r.Method != http.MethodGet {
		err = fmt.Errorf("method %s not allowed", r.Method)
	}
	kind, pause, qerr := parseAnswer(r)
	if err == nil {
		err = qerr
	}
	if err != nil {
		http.Error(w, "delayserver: "+err.Error(), http.StatusBadRequest)
		return
	}
	if !s.sleep(r.Context(), delay) {
		return
	}
	// The answer is written by hand, in slowwly's header order, so that
	// "Server: Cowboy" is the second line of the response, as in the
	// original book's traces.
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	body := "Redirecting to " + target + "\n"
	// fields is the status line and the header lines but the framing;
	// head adds the length and the blank line.
	fields := fmt.Sprintf("HTTP/1.1 302 Found\r\nServer: Cowboy\r\nDate: %s\r\nConnection: close\r\n"+
		"Content-Type: text/plain; charset=utf-8\r\nLocation: %s\r\n",
		time.Now().UTC().Format(http.TimeFormat), target)
	head := fields + fmt.Sprintf("Content-Length: %d\r\n\r\n", len(body))
	whole := head + body
	if kind == "" {
		buf.WriteString(whole)
		buf.Flush()
		return
	}
	// Each write of an unusual answer is flushed on its own, so that the
	// client sees it arrive in parts.
	write := func(parts ...string) bool {
		for i, p := range parts {
			if i > 0 && !s.sleep(r.Context(), pause) {
				return false
			}
			buf.WriteString(p)
			if buf.Flush() != nil {
				return false
			}
		}
		return true
	}
	half := whole[:len(head)+len(body)/2]
	switch kind {
	case "chunked":
		parts := []string{fields + "Transfer-Encoding: chunked\r\n\r\n"}
		for rest := body; rest != ""; {
			n := min(len(rest), 8)
			parts = append(parts, fmt.Sprintf("%x\r\n%s\r\n", n, rest[:n]))
			rest = rest[n:]
		}
		write(append(parts, "0\r\n\r\n")...)
	case "pieces":
		// Cut in the status line, in the header, and in the body.
		a, b, c := 10, len(fields)/2, len(whole)-len(body)/2
		write(whole[:a], whole[a:b], whole[b:c], whole[c:])
	case "early":
		write(half)
	case "reset":
		if write(half) {
			if tc, ok := conn.(*net.TCPConn); ok {
				tc.SetLinger(0) // Close now sends RST, not FIN
			}
		}
	case "garbage":
		write("\x00\x01garbage, not HTTP\r\n\r\n")
	}
}

// The answers a query may ask for.
var answers = map[string]bool{"": true, "chunked": true, "pieces": true, "early": true, "reset": true, "garbage": true}

// parseAnswer reads ?answer= and &pause= from r's query.
func parseAnswer(r *http.Request) (kind string, pause time.Duration, err error) {
	q := r.URL.Query()
	kind = q.Get("answer")
	if !answers[kind] {
		return "", 0, fmt.Errorf("unknown answer %q", kind)
	}
	pause = 50 * time.Millisecond
	if p := q.Get("pause"); p != "" {
		ms, err := strconv.ParseUint(p, 10, 16)
		if err != nil {
			return "", 0, fmt.Errorf("bad pause %q: want whole milliseconds up to 65535", p)
		}
		pause = time.Duration(ms) * time.Millisecond
	}
	return kind, pause, nil
}

// enter counts a handler in, unless the server is closing.
func (s *Server) enter() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.handlers.Add(1)
	return true
}

// sleep waits for d and reports whether it did; it returns false early if
// the client goes away or the server is closed.
func (s *Server) sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
	case <-s.done:
	}
	return false
}
