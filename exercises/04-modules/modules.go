package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/nodeexperiment/gonode/chapters/04-modules/minimio"
)

// ANCHOR: fs

// Fs is the file-system module.
var Fs fsModule

type fsModule struct{}

// Read reads the file at path on a pool thread and calls cb on the main
// thread with its contents as a string, or with an error. It sleeps one
// second first, to stand in for a file large enough to take that long.
func (fsModule) Read(path string, cb func(Js)) {
	current.registerEventThreadpool(func() Js {
		time.Sleep(time.Second)
		b, err := os.ReadFile(path)
		if err != nil {
			return JsError(fmt.Errorf("Fs.Read: %w", err))
		}
		return JsString(string(b))
	}, FileRead, cb)
}

// ANCHOR_END: fs

// ANCHOR: crypto

// Crypto is the (pretend) cryptography module.
var Crypto cryptoModule

type cryptoModule struct{}

// Encrypt computes a "magic" number from n on a pool thread and calls cb on
// the main thread with it. The naive Fibonacci stands in for real
// CPU-heavy work such as hashing a password.
func (cryptoModule) Encrypt(n int, cb func(Js)) {
	current.registerEventThreadpool(func() Js {
		return JsInt(fibonacci(n))
	}, Encrypt, cb)
}

// ANCHOR_END: crypto

// fibonacci is deliberately slow: the naive recursion stands in for
// CPU-heavy work such as encryption.
func fibonacci(n int) int {
	if n < 2 {
		return n
	}
	return fibonacci(n-1) + fibonacci(n-2)
}

// ANCHOR: http

// Http is the network module. Server is the address of the delay server
// that plays the remote host.
var Http httpModule

type httpModule struct {
	Server string
}

// GetSlow asks the delay server for url, to be answered after delayMs
// milliseconds, and calls cb on the main thread with the whole response as
// a string, or with an error. The connection and the request are made on
// the main thread (blocking, as in the original); the wait for the answer
// is the event queue's job.
func (h httpModule) GetSlow(url string, delayMs int, cb func(Js)) {
	rt := current
	stream, err := minimio.Connect(h.Server)
	if err != nil {
		rt.callBackWithError(cb, fmt.Errorf("Http.GetSlow: %w", err))
		return
	}
	request := fmt.Sprintf("GET /delay/%d/url/http://%s HTTP/1.1\r\n"+
		"Host: %s\r\nConnection: close\r\n\r\n", delayMs, url, h.Server)
	if _, err := io.WriteString(stream, request); err != nil {
		stream.Close()
		rt.callBackWithError(cb, fmt.Errorf("Http.GetSlow: %w", err))
		return
	}
	token := rt.generateIdentity()
	if err := rt.registrator.Register(stream, minimio.Token(token), minimio.Readable); err != nil {
		stream.Close()
		rt.callBackWithError(cb, fmt.Errorf("Http.GetSlow: %w", err))
		return
	}
	rt.registerEventEpoll(token, func(Js) {
		response, err := readResponse(stream)
		if err != nil {
			cb(JsError(fmt.Errorf("Http.GetSlow: %w", err)))
			return
		}
		cb(JsString(response))
	})
}

// readResponse reads the answer to its end, once the event queue has said
// it is there, and closes the stream.
func readResponse(stream *minimio.TcpStream) (string, error) {
	defer stream.Close()
	b, err := io.ReadAll(stream)
	if err != nil {
		return "", err
	}
	if !strings.HasPrefix(string(b), "HTTP/") {
		return "", errors.New("the server closed the connection without an HTTP answer")
	}
	return string(b), nil
}

// ANCHOR_END: http
