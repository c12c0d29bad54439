//step:file parsing

package http

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// The responses the parser tests use, each complete.
var (
	plain   = "HTTP/1.1 302 Found\r\nServer: Cowboy\r\nLocation: http://a\r\nContent-Length: 5\r\n\r\nhello"
	chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhel\r\n2\r\nlo\r\n0\r\nX-Trailer: 1\r\n\r\n"
	toEOF   = "HTTP/1.0 200 OK\r\nServer: old\r\n\r\nhello"
	bareLF  = "HTTP/1.1 200 OK\nContent-Length: 5\n\nhello"
	noBody  = "HTTP/1.1 204 No Content\r\nServer: x\r\n\r\n"
)

func TestParseCompleteResponses(t *testing.T) {
	tests := []struct {
		raw    string
		atEOF  bool
		status int
		body   string
	}{
		{plain, false, 302, "hello"},
		{chunked, false, 200, "hello"},
		{toEOF, true, 200, "hello"},
		{bareLF, false, 200, "hello"},
		{noBody, false, 204, ""},
	}
	for _, tt := range tests {
		// Bytes after the end of a response are not part of it.
		data := tt.raw
		if !tt.atEOF {
			data += "EXTRA"
		}
		r, err := ParseResponse([]byte(data), tt.atEOF)
		if err != nil {
			t.Errorf("ParseResponse(%q) = %v", data, err)
			continue
		}
		if r.StatusCode != tt.status || string(r.Body) != tt.body || string(r.Raw) != tt.raw {
			t.Errorf("ParseResponse(%q) = %d, body %q, raw %q; want %d, %q, %q",
				data, r.StatusCode, r.Body, r.Raw, tt.status, tt.body, tt.raw)
		}
	}
	r, _ := ParseResponse([]byte(plain), false)
	if r.Header.Get("Location") != "http://a" || r.Status != "302 Found" {
		t.Errorf("header %v, status %q", r.Header, r.Status)
	}
}

// TestParseEveryPrefix cuts each response at every byte: before its end
// the parser must ask for more, and at the end of the connection it must
// say the response was cut short (or never began).
func TestParseEveryPrefix(t *testing.T) {
	for _, raw := range []string{plain, chunked, bareLF, noBody} {
		for i := range len(raw) {
			prefix := []byte(raw[:i])
			if _, err := ParseResponse(prefix, false); !errors.Is(err, ErrIncomplete) {
				t.Errorf("ParseResponse(%q, more to come) = %v, want ErrIncomplete", prefix, err)
			}
			want := ErrTruncated
			if i == 0 {
				want = ErrClosedEarly
			}
			if _, err := ParseResponse(prefix, true); !errors.Is(err, want) {
				t.Errorf("ParseResponse(%q, at EOF) = %v, want %v", prefix, err, want)
			}
		}
	}
	// A body that runs to the end of the connection is never complete
	// before it.
	if _, err := ParseResponse([]byte(toEOF), false); !errors.Is(err, ErrIncomplete) {
		t.Errorf("a body without a length, before EOF: %v, want ErrIncomplete", err)
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct {
		raw  string
		want error
	}{
		{"garbage\r\n\r\n", ErrMalformed},
		{"\x00\x01", ErrMalformed}, // known at once, without the rest
		{"HTTP/1.1 OK\r\n\r\n", ErrMalformed},
		{"HTTP/9.9 200 OK\r\n\r\n", ErrMalformed},
		{"HTTP/1.1 200 OK\r\nContent-Length: many\r\n\r\n", ErrMalformed},
		{"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n", ErrMalformed},
		{"HTTP/1.1 200 OK\r\nX: " + strings.Repeat("a", MaxHeaderBytes), ErrTooLarge},
		{"HTTP/1.1 200 OK\r\nContent-Length: 99999999999\r\n\r\n" + strings.Repeat("a", MaxBodyBytes+1), ErrTooLarge},
	}
	for _, tt := range tests {
		_, err := ParseResponse([]byte(tt.raw), false)
		if !errors.Is(err, tt.want) {
			t.Errorf("ParseResponse(%.40q) = %v, want %v", tt.raw, err, tt.want)
		}
	}
}

// TestParseRejectsMalformedSecondChunk gives a chunked body whose first
// chunk is fine and whose second chunk size is not hexadecimal, and with
// a second chunk line cut short after its bad size. Both are malformed
// for certain, before the end of the connection and after it: the
// parser must neither ask for more bytes that cannot help (ErrIncomplete)
// nor call the answer cut short (ErrTruncated).
func TestParseRejectsMalformedSecondChunk(t *testing.T) {
	const head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhel\r\n"
	for _, raw := range []string{head + "zz\r\nlo\r\n0\r\n\r\n", head + "2x\r\n", head + "-2\r\nlo\r\n"} {
		for _, atEOF := range []bool{false, true} {
			if _, err := ParseResponse([]byte(raw), atEOF); !errors.Is(err, ErrMalformed) {
				t.Errorf("ParseResponse(%q, atEOF=%v) = %v, want ErrMalformed", raw[len(head):], atEOF, err)
			}
		}
	}
}

// FuzzParseResponse feeds the parser anything: it must never panic, never
// ask for more at the end of the connection, and a response it returns
// must be a prefix of its input with a body no larger than the limit.
//
//	go test -run '^$' -fuzz FuzzParseResponse -fuzztime 30s ./final/http
func FuzzParseResponse(f *testing.F) {
	for _, s := range []string{plain, chunked, toEOF, bareLF, noBody, "HTTP/1.1 ", "garbage", ""} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, atEOF bool) {
		r, err := ParseResponse(data, atEOF)
		if atEOF && errors.Is(err, ErrIncomplete) {
			t.Fatalf("ErrIncomplete at the end of the connection for %q", data)
		}
		if (r == nil) == (err == nil) {
			t.Fatalf("ParseResponse(%q) = %v, %v; want exactly one of them", data, r, err)
		}
		if r != nil && (!bytes.HasPrefix(data, r.Raw) || len(r.Body) > MaxBodyBytes) {
			t.Fatalf("ParseResponse(%q): raw %q, a %d-byte body", data, r.Raw, len(r.Body))
		}
	})
}

// TestHeaderOfTheMaximumSizeIsNotRefused: MaxHeaderBytes of header that
// has not ended yet is still a response being read (ErrIncomplete), one
// byte more is too large, and a header of exactly that size is parsed.
func TestHeaderOfTheMaximumSizeIsNotRefused(t *testing.T) {
	const status = "HTTP/1.1 200 OK\r\nX: "
	open := status + strings.Repeat("a", MaxHeaderBytes-len(status))
	if _, err := ParseResponse([]byte(open), false); !errors.Is(err, ErrIncomplete) {
		t.Errorf("%d bytes of header, not ended: %v, want ErrIncomplete", len(open), err)
	}
	if _, err := ParseResponse([]byte(open+"a"), false); !errors.Is(err, ErrTooLarge) {
		t.Errorf("%d bytes of header, not ended: %v, want ErrTooLarge", len(open)+1, err)
	}
	const end = "\r\nContent-Length: 0\r\n\r\n"
	whole := status + strings.Repeat("a", MaxHeaderBytes-len(status)-len(end)) + end
	if _, err := ParseResponse([]byte(whole), false); err != nil {
		t.Errorf("a header of exactly %d bytes: %v", len(whole), err)
	}
}
