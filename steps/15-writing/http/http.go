// ANCHOR: package

// Package http is the runtime's network module: one slow GET to the delay
// server, on a connection of the loop (loop.Conn), waited for by the
// event queue, not by a thread. The answer is read as it arrives, read by
// read.
package http

import (
	"errors"
	"fmt"
	"io"
	neturl "net/url"
	"strings"

	"github.com/nodeexperiment/gonode/steps/15-writing/js"
	"github.com/nodeexperiment/gonode/steps/15-writing/loop"
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
// too large (ErrTooLarge), or a url that cannot be sent (ErrBadURL). It
// is built on the loop's connection, as Node's http is on net.Socket:
// the connect, the request and every read are the event queue's, and
// the answer is parsed as it arrives, read by read. cb never runs during
// the call. Loop thread only.
func GetSlow(rt *loop.Runtime, server, url string, delayMs int, cb func(err error, response js.Value)) {
	fail := func(err error) { cb(fmt.Errorf("http.GetSlow: %w", err), js.Undefined) }
	if err := checkURL(url); err != nil {
		rt.AddPending(func() { fail(err) })
		return
	}
	request := fmt.Sprintf("GET /delay/%d/url/http://%s HTTP/1.1\r\n"+
		"Host: %s\r\nConnection: close\r\n\r\n", delayMs, url, server)
	rt.Connect(server, func(err error, c *loop.Conn) {
		if err != nil {
			fail(err)
			return
		}
		c.Write([]byte(request), nil) // a failure also ends the read, which reports it
		var data []byte               // every byte received so far
		c.ReadStart(func(err error, chunk []byte) {
			data = append(data, chunk...)
			resp, err := parse(data, err)
			if errors.Is(err, ErrIncomplete) {
				return // wait for the next read
			}
			c.Close(nil)
			if err != nil {
				fail(err)
				return
			}
			cb(nil, js.String(string(resp.Raw)))
		})
	})
}

// ANCHOR_END: getslow

// ANCHOR: reader

// parse parses what has come so far, given how the last read ended:
// ErrIncomplete means wait for the next read.
func parse(data []byte, readErr error) (*Response, error) {
	switch {
	case errors.Is(readErr, io.EOF):
		return ParseResponse(data, true)
	case readErr != nil:
		return nil, readErr
	case len(data) > MaxHeaderBytes+MaxBodyBytes+1<<20:
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, len(data))
	}
	return ParseResponse(data, false)
}

// ANCHOR_END: reader
