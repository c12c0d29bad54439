//step:file parsing

// ANCHOR: errors

package http

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// The errors ParseResponse returns, and GetSlow's callback gets (wrapped).
var (
	// ErrIncomplete says that the bytes so far are the start of a
	// response and more must be read. GetSlow's callback never gets it.
	ErrIncomplete = errors.New("incomplete response: more to read")
	// ErrTruncated says that the server closed the connection in the
	// middle of its response.
	ErrTruncated = errors.New("the server closed the connection in the middle of its response")
	// ErrTooLarge says that the response's header or body is larger than
	// this module accepts (MaxHeaderBytes, MaxBodyBytes).
	ErrTooLarge = errors.New("response too large")
)

// The limits ParseResponse puts on a response, so that a server that
// sends without end cannot make the loop thread buffer without end.
const (
	MaxHeaderBytes = 64 << 10 // the status line and the header lines
	MaxBodyBytes   = 16 << 20 // the body, after chunked decoding
)

// ANCHOR_END: errors

// ANCHOR: response

// Response is a complete HTTP/1.x response. ParseResponse returns a new
// one each time, which nothing else refers to, so the goroutine that has
// it may use it or hand it on.
type Response struct {
	StatusCode int         // 302
	Status     string      // "302 Found"
	Header     http.Header // the header lines, canonical keys
	Body       []byte      // the body, chunked framing removed
	Raw        []byte      // the message as it came, up to the end of the body
}

// ANCHOR_END: response

// ANCHOR: parse

// ParseResponse parses data, the bytes a server sent in answer to a GET,
// with the standard library's reader (Content-Length, chunked, or a
// body that runs to the end of the connection). atEOF says that the
// server has closed the connection, so that no more bytes will come.
//
// It returns the response once it is complete; ErrIncomplete if data is
// the beginning of a response and more must be read (never when atEOF);
// ErrClosedEarly if atEOF and data is empty; ErrTruncated if atEOF and the
// response stops short; ErrMalformed (wrapped, with the reason) for bytes
// that are not an HTTP/1.x response, as soon as that is certain; and
// ErrTooLarge past the limits. Bytes after the end of the response are
// ignored. It never panics, whatever data holds. Safe from any goroutine.
func ParseResponse(data []byte, atEOF bool) (*Response, error) {
	if len(data) == 0 && atEOF {
		return nil, ErrClosedEarly
	}
	// Reject what cannot become a status line without waiting for more.
	const proto = "HTTP/1."
	if n := min(len(data), len(proto)); string(data[:n]) != proto[:n] {
		return nil, fmt.Errorf("%w: no HTTP/1.x status line", ErrMalformed)
	}
	if headerEnd(data) < 0 {
		switch {
		case len(data) > MaxHeaderBytes:
			return nil, fmt.Errorf("%w: header longer than %d bytes", ErrTooLarge, MaxHeaderBytes)
		case atEOF:
			return nil, ErrTruncated
		}
		return nil, ErrIncomplete
	}
	src := bytes.NewReader(data)
	// The buffer holds a whole trailer of up to MaxHeaderBytes: the
	// standard library looks for its end in what is buffered.
	br := bufio.NewReaderSize(src, min(len(data), MaxHeaderBytes)+16)
	resp, err := http.ReadResponse(br, &http.Request{Method: http.MethodGet})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	defer resp.Body.Close()
	if resp.ProtoMajor != 1 {
		return nil, fmt.Errorf("%w: protocol %s", ErrMalformed, resp.Proto)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxBodyBytes+1))
	switch {
	case err != nil && isShort(err) && atEOF:
		return nil, ErrTruncated
	case err != nil && isShort(err):
		return nil, ErrIncomplete
	case err != nil:
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	case len(body) > MaxBodyBytes:
		return nil, fmt.Errorf("%w: body longer than %d bytes", ErrTooLarge, MaxBodyBytes)
	case runsToEOF(resp) && !atEOF:
		// No length and no chunks: the body ends when the connection does.
		return nil, ErrIncomplete
	}
	used := len(data) - src.Len() - br.Buffered()
	return &Response{
		StatusCode: resp.StatusCode,
		Status:     resp.Status,
		Header:     resp.Header,
		Body:       body,
		Raw:        data[:used:used],
	}, nil
}

// ANCHOR_END: parse

// ANCHOR: headerend

// headerEnd returns the index just past the blank line that ends the
// header, or -1 if it has not come yet. Lines may end in CRLF or, as the
// standard library also accepts, in a bare LF.
func headerEnd(data []byte) int {
	for i := bytes.IndexByte(data, '\n'); i >= 0; {
		rest := data[i+1:]
		switch {
		case bytes.HasPrefix(rest, []byte("\n")):
			return i + 2
		case bytes.HasPrefix(rest, []byte("\r\n")):
			return i + 3
		}
		j := bytes.IndexByte(rest, '\n')
		if j < 0 {
			return -1
		}
		i += 1 + j
	}
	return -1
}

// ANCHOR_END: headerend

// ANCHOR: short

// isShort reports whether err says that the body's bytes ran out before
// its end: a Content-Length not reached, or a chunk, a chunk line or the
// trailer cut off. The standard library says the last in errors of its
// own: "http: unexpected EOF reading trailer" when the trailer has not
// begun, and "http: suspiciously long trailer after chunked body" when
// its blank line is not among the buffered bytes, which, with a buffer
// larger than the data, means that it has not come yet.
func isShort(err error) bool {
	return errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "unexpected EOF") ||
		strings.Contains(err.Error(), "suspiciously long trailer")
}

// runsToEOF reports whether resp's body is delimited by the end of the
// connection: no Content-Length, not chunked, and a body allowed.
func runsToEOF(resp *http.Response) bool {
	return resp.ContentLength < 0 && len(resp.TransferEncoding) == 0 && resp.Body != http.NoBody
}

// ANCHOR_END: short
