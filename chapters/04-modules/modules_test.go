package main

import (
	"errors"
	"io/fs"
	"net"
	"strings"
	"testing"
)

func TestFsReadMissingFileIsAnError(t *testing.T) {
	var got Js
	runProgram(t, func() {
		Fs.Read("no/such/file.txt", func(v Js) { got = v })
	})
	err, ok := got.AsError()
	if !ok || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("callback got %v, want an error that is fs.ErrNotExist", got)
	}
}

func TestHttpRefusedConnectionIsAnError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	Http.Server = ln.Addr().String()
	ln.Close() // nobody listens there now
	var got Js
	runProgram(t, func() {
		Http.GetSlow("example.com", 0, func(v Js) { got = v })
	})
	if _, ok := got.AsError(); !ok {
		t.Fatalf("callback got %v, want an error", got)
	}
}

// TestHttpServerClosingEarlyIsAnError uses a server that reads the request
// and hangs up without answering.
func TestHttpServerClosingEarlyIsAnError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		c.Read(make([]byte, 1024))
		c.Close()
	}()
	Http.Server = ln.Addr().String()
	var got Js
	runProgram(t, func() {
		Http.GetSlow("example.com", 0, func(v Js) { got = v })
	})
	err, ok := got.AsError()
	if !ok || !strings.Contains(err.Error(), "without an HTTP answer") {
		t.Fatalf("callback got %v, want the early close as an error", got)
	}
}

func TestPrintContentFormat(t *testing.T) {
	got := captureStdout(t, func() {
		printContent("HTTP/1.1 302 Found\r\nServer: Cowboy\r\nDate: x\r\nLocation: http://a/b\r\n\r\nbody", "web call")
	})
	want := "\n===== THREAD main START CONTENT - WEB CALL =====\n" +
		"HTTP/1.1 302 Found\nServer: Cowboy\nLocation: http://a/b\n" +
		"... [Note: Abbreviated for display] ...\n===== END CONTENT =====\n\n"
	if got != want {
		t.Fatalf("printContent printed\n%q\nwant\n%q", got, want)
	}
}
