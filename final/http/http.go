// Package http is the runtime's network module: one slow GET to the delay
// server, waited for by the event queue, not by a thread.
package http

import (
	"errors"
	"fmt"
	"io"
	"regexp"

	"github.com/nodeexperiment/gonode/final/js"
	"github.com/nodeexperiment/gonode/final/loop"
	"github.com/nodeexperiment/gonode/final/minimio"
)

// ErrClosedEarly is the error a callback gets when the server hangs up
// without sending anything.
var ErrClosedEarly = errors.New("the server closed the connection without answering")

// ErrMalformed is the error a callback gets when the answer does not
// start with an HTTP status line.
var ErrMalformed = errors.New("malformed response: no HTTP status line")

// statusLine matches the start of an HTTP/1.x answer: "HTTP/1.1 302 ".
var statusLine = regexp.MustCompile(`^HTTP/1\.[01] [1-5][0-9][0-9] `)

// GetSlow asks the delay server at server ("ip:port") for url, to be
// answered after delayMs milliseconds, and calls cb on the loop thread
// with the whole response as a string, or with an error: a refused
// connection, an early close (ErrClosedEarly) or a malformed answer
// (ErrMalformed). The connection and the request are made on the loop
// thread, blocking, as in the book's original; the wait for the answer
// is the event queue's. A failure to connect reaches cb in the next
// tick, never during the call. Loop thread only.
func GetSlow(rt *loop.Runtime, server, url string, delayMs int, cb func(err error, response js.Value)) {
	fail := func(err error) {
		rt.AddPending(func() { cb(fmt.Errorf("http.GetSlow: %w", err), js.Undefined) })
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
	err = rt.WatchReadable(stream, func() {
		response, err := readResponse(stream)
		if err != nil {
			cb(fmt.Errorf("http.GetSlow: %w", err), js.Undefined)
			return
		}
		cb(nil, js.String(response))
	})
	if err != nil {
		stream.Close()
		fail(err)
	}
}

// readResponse reads the answer to its end, once the event queue has said
// it is there, checks that it is HTTP, and closes the stream.
func readResponse(stream *minimio.TcpStream) (string, error) {
	defer stream.Close()
	b, err := io.ReadAll(stream)
	switch {
	case err != nil:
		return "", err
	case len(b) == 0:
		return "", ErrClosedEarly
	case !statusLine.Match(b):
		return "", ErrMalformed
	}
	return string(b), nil
}
