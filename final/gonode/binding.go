package gonode

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	nethttp "net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"syscall"
	"unicode/utf8"

	"github.com/dop251/goja"

	"github.com/nodeexperiment/gonode/final/http"
	"github.com/nodeexperiment/gonode/final/js"
	"github.com/nodeexperiment/gonode/final/loop"
)

// binding is what lib.js builds on, as Node's lib/*.js builds on its
// internalBinding: UTF-8, the loop's servers and connections, and the
// HTTP parser. Each callback it takes runs in scope.
func (n *node) binding() *goja.Object {
	vm := n.vm
	b := vm.NewObject()
	_ = b.Set("utf8Encode", func(s string) goja.ArrayBuffer { return vm.NewArrayBuffer([]byte(s)) })
	_ = b.Set("utf8Decode", func(ab goja.ArrayBuffer, off, length int) string {
		data := ab.Bytes()[off : off+length]
		if utf8.Valid(data) {
			return string(data)
		}
		return strings.ToValidUTF8(string(data), "\uFFFD")
	})
	_ = b.Set("listen", n.listen)
	_ = b.Set("connect", n.connect)
	_ = b.Set("parseURL", func(raw string) map[string]any {
		u, err := url.Parse(raw)
		if err != nil || u.Host == "" {
			panic(n.typeError("ERR_INVALID_URL", "Invalid URL"))
		}
		port := u.Port()
		if port == "" {
			port = "80"
		}
		path := u.RequestURI()
		return map[string]any{"host": u.Hostname(), "port": port, "path": path}
	})
	_ = b.Set("parseResponse", n.parseResponse)
	_ = b.Set("readStdin", n.readStdin)
	return b
}

// ANCHOR: listen

// listen is net.Server.listen's half in Go: a loop.Server whose
// connections reach onConn, in scope, as connection handles.
func (n *node) listen(host string, port int, onConn goja.Callable) *goja.Object {
	s, err := n.rt.Listen(net.JoinHostPort(host, strconv.Itoa(port)), func(err error, c *loop.Conn) {
		n.scope(func() {
			if err != nil {
				n.callOrReport(onConn, goja.Undefined(), []goja.Value{n.nodeError(err, "accept")})
				return
			}
			n.callOrReport(onConn, goja.Undefined(), []goja.Value{goja.Null(), n.connObject(c)})
		})
	})
	if err != nil {
		panic(n.nodeError(err, "listen"))
	}
	o := n.vm.NewObject()
	_ = o.Set("address", s.Addr)
	_ = o.Set("close", func(cb goja.Value) { _ = s.Close(n.closeCallback(cb)) })
	_ = o.Set("ref", s.Ref)
	_ = o.Set("unref", s.Unref)
	return o
}

// closeCallback returns a Go function that calls cb, if it is a
// function, in scope: what a handle's close runs in the close phase.
func (n *node) closeCallback(cb goja.Value) func() {
	fn, ok := goja.AssertFunction(cb)
	if !ok {
		return nil
	}
	return func() { n.scope(func() { n.callOrReport(fn, goja.Undefined(), nil) }) }
}

// ANCHOR_END: listen

// ANCHOR: connect

// connect is net.connect's half in Go: the loop's Connect, which starts
// the connect and waits for it in the poll phase; cb runs in scope with
// the connection handle, or with Node's error (ECONNREFUSED and the
// like).
func (n *node) connect(host string, port int, cb goja.Callable) {
	addr := net.JoinHostPort(host, strconv.Itoa(port))
	n.rt.Connect(addr, func(err error, c *loop.Conn) {
		n.scope(func() {
			if err != nil {
				n.callOrReport(cb, goja.Undefined(), []goja.Value{n.nodeError(err, "connect", addr)})
				return
			}
			n.callOrReport(cb, goja.Undefined(), []goja.Value{goja.Null(), n.connObject(c)})
		})
	})
}

// ANCHOR_END: connect

// ANCHOR: conn

// connObject returns the handle lib.js's Socket works on: readStart,
// write, close, ref, unref. The bytes of a read are copied into a new
// ArrayBuffer: the loop's buffer is only valid during the callback.
func (n *node) connObject(c *loop.Conn) *goja.Object {
	o := n.vm.NewObject()
	_ = o.Set("readStart", func(cb goja.Callable) {
		c.ReadStart(func(err error, data []byte) {
			n.callRead(cb, err, append([]byte(nil), data...))
		})
	})
	_ = o.Set("write", func(ab goja.ArrayBuffer, cb goja.Callable) bool {
		c.Write(ab.Bytes(), func(err error) {
			n.scope(func() {
				arg := goja.Undefined()
				if err != nil {
					arg = n.nodeError(err, "write")
				}
				n.callOrReport(cb, goja.Undefined(), []goja.Value{arg})
			})
		})
		return true
	})
	_ = o.Set("close", func(cb goja.Value) { _ = c.Close(n.closeCallback(cb)) })
	_ = o.Set("ref", c.Ref)
	_ = o.Set("unref", c.Unref)
	return o
}

// callRead calls a read callback, in scope, as lib.js's readers take
// it: (null, null) at the end of the stream, (error) if the read failed,
// else (null, an ArrayBuffer of data); data must be the callback's to
// keep.
func (n *node) callRead(cb goja.Callable, err error, data []byte) {
	n.scope(func() {
		switch {
		case errors.Is(err, io.EOF):
			n.callOrReport(cb, goja.Undefined(), []goja.Value{goja.Null(), goja.Null()})
		case err != nil:
			n.callOrReport(cb, goja.Undefined(), []goja.Value{n.nodeError(err, "read")})
		default:
			n.callOrReport(cb, goja.Undefined(), []goja.Value{goja.Null(), n.vm.ToValue(n.vm.NewArrayBuffer(data))})
		}
	})
}

// ANCHOR_END: conn

// readStdin reads one chunk of standard input on a pool thread and
// calls cb with it, as callRead does.
func (n *node) readStdin(cb goja.Callable) {
	var chunk []byte
	n.rt.QueueWork("stdin", func() (js.Value, error) {
		buf := make([]byte, 64<<10)
		k, err := os.Stdin.Read(buf)
		chunk = buf[:k]
		if k > 0 {
			return js.Undefined, nil
		}
		return js.Undefined, err
	}, func(err error, _ js.Value) { n.callRead(cb, err, chunk) })
}

// parseResponse is http.get's parser: null while the bytes are the
// start of a response, else the response or the error.
func (n *node) parseResponse(buf goja.Value, atEOF bool) goja.Value {
	o := buf.ToObject(n.vm)
	ab, _ := o.Get("buffer").Export().(goja.ArrayBuffer)
	off := int(o.Get("byteOffset").ToInteger())
	length := int(o.Get("length").ToInteger())
	data := ab.Bytes()[off : off+length]
	r, err := http.ParseResponse(data, atEOF)
	if errors.Is(err, http.ErrIncomplete) {
		return goja.Null()
	}
	truncated := false
	if errors.Is(err, http.ErrTruncated) {
		// The head came whole and the body did not: Node hands over the
		// response, and then the response emits 'aborted' (ECONNRESET).
		if h, herr := nethttp.ReadResponse(bufio.NewReader(bytes.NewReader(data)), nil); herr == nil {
			r = &http.Response{StatusCode: h.StatusCode, Status: h.Status, Header: h.Header, Raw: data}
			err, truncated = nil, true
		}
	}
	if err != nil {
		e := n.vm.NewGoError(err)
		_ = e.Set("name", "Error")
		code := "HPE_INVALID_CONSTANT"
		if errors.Is(err, http.ErrTruncated) {
			code = "ECONNRESET"
		}
		_ = e.Set("code", code)
		return n.vm.ToValue(map[string]any{"error": e})
	}
	version, status, _ := strings.Cut(r.Status, " ")
	_ = version
	_, msg, _ := strings.Cut(status, " ")
	if msg == "" {
		_, msg, _ = strings.Cut(r.Status, " ")
	}
	headers := n.vm.NewObject()
	var raw []any
	for k, vs := range r.Header {
		_ = headers.Set(strings.ToLower(k), strings.Join(vs, ", "))
		for _, v := range vs {
			raw = append(raw, k, v)
		}
	}
	httpVersion := "1.1"
	if v, _, ok := strings.Cut(string(r.Raw), " "); ok && strings.HasPrefix(v, "HTTP/") {
		httpVersion = strings.TrimPrefix(v, "HTTP/")
	}
	res := n.vm.NewObject()
	_ = res.Set("statusCode", r.StatusCode)
	_ = res.Set("statusMessage", msg)
	_ = res.Set("httpVersion", httpVersion)
	_ = res.Set("headers", headers)
	_ = res.Set("rawHeaders", raw)
	out := map[string]any{"response": res, "body": n.vm.NewArrayBuffer(r.Body)}
	if truncated {
		e := n.vm.NewGoError(errors.New("aborted"))
		_ = e.Set("name", "Error")
		_ = e.Set("code", "ECONNRESET")
		out["aborted"] = e
	}
	return n.vm.ToValue(out)
}

// errnoNames are the errno names Node puts in an error's code, for the
// errors the modules here meet.
var errnoNames = map[syscall.Errno]string{
	syscall.ENOENT: "ENOENT", syscall.EACCES: "EACCES", syscall.EISDIR: "EISDIR",
	syscall.ENOTDIR: "ENOTDIR", syscall.EMFILE: "EMFILE", syscall.ECONNREFUSED: "ECONNREFUSED",
	syscall.ECONNRESET: "ECONNRESET", syscall.EPIPE: "EPIPE", syscall.EADDRINUSE: "EADDRINUSE",
	syscall.EEXIST: "EEXIST",
}

// errnoText is the text Node gives each code.
var errnoText = map[string]string{
	"ENOENT": "no such file or directory", "EACCES": "permission denied",
	"EISDIR": "illegal operation on a directory", "ENOTDIR": "not a directory",
	"EMFILE": "too many open files", "EADDRINUSE": "address already in use",
	"EEXIST": "file already exists",
}

// netCodes are the codes whose message is Node's short one for a
// socket: "connect ECONNREFUSED 127.0.0.1:1", "read ECONNRESET".
var netCodes = map[string]bool{"ECONNREFUSED": true, "ECONNRESET": true, "EPIPE": true}

// nodeError converts a Go error to a JavaScript Error as Node's look:
// "CODE: text, syscall 'path'" (or, for a socket, "syscall CODE
// address") with code, errno and syscall properties when the error
// carries an errno.
func (n *node) nodeError(err error, syscallName string, path ...string) goja.Value {
	var errno syscall.Errno
	code := ""
	if errors.As(err, &errno) {
		code = errnoNames[errno]
	}
	msg := err.Error()
	switch {
	case netCodes[code]:
		msg = syscallName + " " + code
		if len(path) > 0 {
			msg += " " + path[0]
		}
	case code != "":
		msg = code + ": " + errnoText[code] + ", " + syscallName
		if len(path) > 0 {
			msg += " '" + path[0] + "'"
		}
	}
	e := n.vm.NewGoError(errors.New(msg))
	_ = e.Set("name", "Error")
	if code != "" {
		_ = e.Set("code", code)
		_ = e.Set("errno", -int(errno))
		_ = e.Set("syscall", syscallName)
	}
	if len(path) > 0 && syscallName != "connect" {
		_ = e.Set("path", path[0])
	}
	return e
}
