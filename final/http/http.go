// ANCHOR: package

// Package http is the runtime's network module: one slow GET to the delay
// server, waited for by the event queue, not by a thread. The answer is
// read without blocking, piece by piece as the events come, and parsed as
// HTTP/1.x by ParseResponse (Content-Length, chunked, or to the end of
// the connection).
package http

import (
	"errors"
	"fmt"
	"io"
	neturl "net/url"
	"strings"

	"github.com/nodeexperiment/gonode/final/js"
	"github.com/nodeexperiment/gonode/final/loop"
	"github.com/nodeexperiment/gonode/final/minimio"
)

// ANCHOR_END: package

// ANCHOR: errors

// ErrClosedEarly is the error a callback gets when the server hangs up
// without sending anything.
var ErrClosedEarly = errors.New("the server closed the connection without answering")

// ErrMalformed is the error a callback gets when the answer is not an
// HTTP/1.x response; the error it gets wraps this one and says why.
var ErrMalformed = errors.New("malformed response")

// ErrBadURL is the error a callback gets when the url given to GetSlow
// cannot go into a request line: empty, without a host, or holding a
// space or a control character (a CR LF there would smuggle a header into
// the request).
var ErrBadURL = errors.New("bad URL")

// checkURL returns an error wrapping ErrBadURL if url, a target such as
// "example.com/path" without its scheme, is not fit for a request line.
func checkURL(url string) error {
	if i := strings.IndexFunc(url, func(r rune) bool { return r <= ' ' || r == 0x7f }); i >= 0 {
		return fmt.Errorf("%w %q: a space or control character at byte %d", ErrBadURL, url, i)
	}
	u, err := neturl.Parse("http://" + url)
	if err != nil {
		return fmt.Errorf("%w %q: %v", ErrBadURL, url, err)
	}
	if u.Host == "" {
		return fmt.Errorf("%w %q: no host", ErrBadURL, url)
	}
	return nil
}

// ANCHOR_END: errors

// ANCHOR: getslow

// GetSlow asks the delay server at server ("ip:port") for url, to be
// answered after delayMs milliseconds, and calls cb on the loop thread
// with the whole response as a string (as it came, up to the end of its
// body), or with an error: a refused or reset connection, an early close
// (ErrClosedEarly, ErrTruncated), a malformed answer (ErrMalformed), one
// too large (ErrTooLarge), or a url that cannot be sent (ErrBadURL). The
// connection and the request are made on the loop thread, blocking, as
// in the book's original; the wait for the answer is the event queue's.
// On each event GetSlow reads what is there without blocking, and waits
// for the next event until the response is complete, so an answer sent
// in pieces is read in pieces. A failure to connect reaches cb in the
// next tick, never during the call. Loop thread only.
func GetSlow(rt *loop.Runtime, server, url string, delayMs int, cb func(err error, response js.Value)) {
	fail := func(err error) {
		rt.AddPending(func() { cb(fmt.Errorf("http.GetSlow: %w", err), js.Undefined) })
	}
	if err := checkURL(url); err != nil {
		fail(err)
		return
	}
	stream, err := minimio.Connect(server)
	if err != nil {
		fail(err)
		return
	}
	request := fmt.Sprintf("GET /delay/%d/url/http://%s HTTP/1.1\r\n"+
		"Host: %s\r\nConnection: close\r\n\r\n", delayMs, url, server)
	if _, err := io.WriteString(stream, request); err != nil {
		stream.Close()
		fail(err)
		return
	}
	stream.SetNonblocking(true)
	r := &reader{stream: stream}
	err = rt.WatchReadableUntil(stream, func(err error) bool {
		var resp *Response
		if err == nil {
			resp, err = r.step()
		}
		if errors.Is(err, ErrIncomplete) {
			return false // wait for the next event
		}
		stream.Close()
		if err != nil {
			cb(fmt.Errorf("http.GetSlow: %w", err), js.Undefined)
		} else {
			cb(nil, js.String(string(resp.Raw)))
		}
		return true
	})
	if err != nil {
		stream.Close()
		fail(err)
	}
}

// ANCHOR_END: getslow

// ANCHOR: reader

// reader gathers a response from a non-blocking stream, event by event.
type reader struct {
	stream *minimio.TcpStream
	data   []byte // every byte received so far
	buf    [4096]byte
}

// step reads everything the stream has now, without blocking, and parses
// what has come so far: ErrIncomplete means wait for the next event.
func (r *reader) step() (*Response, error) {
	for {
		n, err := r.stream.Read(r.buf[:])
		r.data = append(r.data, r.buf[:n]...)
		switch {
		case errors.Is(err, minimio.ErrWouldBlock):
			// All that is there for now; an event can also come with
			// nothing at all (a spurious wake-up), and that is fine.
			return ParseResponse(r.data, false)
		case errors.Is(err, io.EOF):
			return ParseResponse(r.data, true)
		case err != nil:
			return nil, err
		case len(r.data) > MaxHeaderBytes+MaxBodyBytes+1<<20:
			return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, len(r.data))
		}
	}
}

// ANCHOR_END: reader
