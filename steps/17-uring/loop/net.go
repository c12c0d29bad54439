// ANCHOR: netdoc

package loop

import (
	"errors"
	"fmt"

	"github.com/nodeexperiment/gonode/steps/17-uring/console"
	"github.com/nodeexperiment/gonode/steps/17-uring/minimio"
)

// This file is TCP on the loop, in the manner of Node's net module:
// Connect opens a connection (and, from the listening step on, a Server
// accepts them), and the program gets a Conn, whose reads arrive as
// callbacks and whose writes never block the loop. Each is a watcher
// (watcher.go): a connection wants Readable while it reads and Writable
// while it connects (and, from the writing step on, while bytes wait to
// be sent); a server wants Readable, a connection to accept.

// readBufferSize is the size of the buffer every connection reads into,
// one at a time (libuv and Node read up to 64 KiB per callback).
const readBufferSize = 64 << 10

// ErrConnClosed is the error a connection's callbacks get for what was
// still to do when it was closed: a write not yet sent, a write or a
// ReadStart after Close.
var ErrConnClosed = errors.New("loop: connection closed")

// ANCHOR_END: netdoc

// ANCHOR: server

// Server is a listening TCP socket served by the loop. Create it with
// Runtime.Listen. Its Ref, Unref and HasRef are its handle's.
type Server struct {
	watcher
	ln     *minimio.TcpListener
	onConn func(err error, c *Conn)
}

// Listen opens a listening socket on addr, an "ip:port" such as
// "127.0.0.1:0" (port 0 lets the OS choose: see Server.Addr), and serves
// it on the loop: onConn runs on the loop thread with each new connection,
// or with the error when accepting fails. A failure to listen is
// returned. The server keeps the loop alive until it is closed. Loop
// thread only.
func (rt *Runtime) Listen(addr string, onConn func(err error, c *Conn)) (*Server, error) {
	ln, err := minimio.Listen(addr)
	if err != nil {
		return nil, err
	}
	s := &Server{ln: ln, onConn: onConn}
	rt.openWatcher(&s.watcher, ln, s.onEvent, s.onError)
	s.setInterest(minimio.Readable)
	return s, nil
}

// ANCHOR_END: server

// ANCHOR: serverclose

// Addr returns the address the server listens on, as "ip:port". Safe
// from any goroutine.
func (s *Server) Addr() string { return s.ln.Addr() }

// Close stops accepting connections and closes the listening socket at
// once; cb, if not nil, runs in the close phase of this tick, after its
// check phase, as Node's server.close(callback) and libuv's uv_close.
// The connections it has accepted stay open, as in Node. Closing a
// server twice does nothing. Loop thread only.
func (s *Server) Close(cb func()) error {
	if s.closed {
		return nil
	}
	err := s.close()
	s.rt.closeLater(cb)
	return err
}

// ANCHOR_END: serverclose

// ANCHOR: accept

// onEvent runs when the listener is readable: it accepts every waiting
// connection (on Windows, the one AcceptEx took) and runs onConn for
// each.
func (s *Server) onEvent(minimio.Interests) {
	for !s.closed {
		stream, err := s.ln.Accept()
		if errors.Is(err, minimio.ErrWouldBlock) {
			return
		}
		if err != nil {
			// Out of descriptors (EMFILE), say: minimio has closed the
			// connection it could not take, and the program hears of
			// it here. One error per event; if more connections wait,
			// the listener is still readable and the next wait says so.
			s.rt.invoke(func() { s.onConn(err, nil) })
			return
		}
		conn := s.rt.newConn(stream)
		s.rt.invoke(func() { s.onConn(nil, conn) })
	}
}

// onError runs when the OS refuses the listener's registration: the
// server closes and onConn hears why.
func (s *Server) onError(err error) {
	s.close()
	s.rt.invoke(func() { s.onConn(err, nil) })
}

// ANCHOR_END: accept

// ANCHOR: conn

// Conn is a TCP connection on the loop, accepted by a Server or opened by
// Connect. Its methods are loop thread only, and its callbacks run on the
// loop thread. Its Ref, Unref and HasRef are its handle's: a connection
// is active, and keeps the loop alive, while it connects, reads or has
// bytes to send.
type Conn struct {
	watcher
	stream    *minimio.TcpStream
	onConnect func(err error, c *Conn)     // set while connecting
	onRead    func(err error, data []byte) // nil while not reading
	// The bytes still to send, of every queued write, in order, copied
	// from the callers', so that each flush hands the OS as much as it
	// takes; and the callbacks of those writes, by where each one ends.
	out     []byte
	waiting []waiter
	queued  int64 // the bytes ever put in out; queued - len(out) have been sent
	err     error // why writing failed; every later Write gets it
}

// waiter is the callback of a queued Write, which runs once the
// connection has sent end bytes from its queue.
type waiter struct {
	end int64
	cb  func(err error)
}

// newConn opens a watcher for a connected stream; it wants nothing until
// it reads or has bytes to send.
func (rt *Runtime) newConn(stream *minimio.TcpStream) *Conn {
	c := &Conn{stream: stream}
	rt.openWatcher(&c.watcher, stream, c.onEvent, c.fail)
	return c
}

// ANCHOR_END: conn

// ANCHOR: connect

// Connect opens a TCP connection to addr, an "ip:port", without blocking
// the loop: the connect is started, the loop waits for the socket to
// become writable, and then cb runs with the connection, or with the
// error that ended the attempt (a refused port, say), as libuv's
// uv_tcp_connect and Node's net.connect. cb never runs before Connect
// has returned. While it connects, the connection keeps the loop alive.
// It prints the connection's id, as the book's trace shows. Loop thread
// only.
func (rt *Runtime) Connect(addr string, cb func(err error, c *Conn)) {
	fail := func(err error) { cb(fmt.Errorf("loop: connect %s: %w", addr, err), nil) }
	stream, err := minimio.StartConnect(addr)
	if err != nil {
		rt.AddPending(func() { cb(err, nil) })
		return
	}
	c := rt.newConn(stream)
	c.onConnect = func(err error, c *Conn) {
		if err != nil {
			fail(err)
			return
		}
		cb(nil, c)
	}
	c.setInterest(minimio.Writable)
	// Told at once, not before the next wait: on Windows the connect
	// (ConnectEx) starts when the socket joins the queue, and libuv too
	// starts the connect and its watcher together, in uv_tcp_connect.
	rt.ioCalls++
	if err := rt.reg.Register(stream, c.token, minimio.Writable); err != nil {
		c.onConnect = nil
		c.close()
		rt.AddPending(func() { fail(err) })
		return
	}
	c.applied = minimio.Writable
	console.Printf("main", "Event with id: %d registered.", c.token)
}

// connected runs on the connecting socket's first event: it asks the
// socket how the connect ended (SO_ERROR) and hands the result to cb.
func (c *Conn) connected() {
	cb := c.onConnect
	c.onConnect = nil
	c.updateInterest()
	if err := c.stream.ConnectError(); err != nil {
		c.close()
		c.rt.invoke(func() { cb(err, nil) })
		return
	}
	c.rt.invoke(func() { cb(nil, c) })
}

// ANCHOR_END: connect

// ANCHOR: readstart

// ReadStart starts reading: cb runs with the bytes of each read, as they
// arrive (data is only valid until cb returns), then once more with
// io.EOF when the peer has closed its side, or with the error that ended
// the connection, and not again. Calling it again replaces cb. While it
// reads, the connection keeps the loop alive. Loop thread only.
func (c *Conn) ReadStart(cb func(err error, data []byte)) {
	if c.closed {
		c.rt.AddPending(func() { cb(ErrConnClosed, nil) })
		return
	}
	c.onRead = cb
	c.updateInterest()
}

// updateInterest makes the watcher want what the connection needs now:
// Writable while it connects (or has bytes queued, from the writing step
// on), Readable while it reads (once connected).
func (c *Conn) updateInterest() {
	var want minimio.Interests
	switch {
	case c.onConnect != nil:
		want = minimio.Writable
	default:
		if c.onRead != nil {
			want |= minimio.Readable
		}
		if len(c.out) > 0 {
			want |= minimio.Writable
		}
	}
	c.setInterest(want)
}

// ANCHOR_END: readstart

// ANCHOR: write

// Write sends data, or as much of it as the socket takes now, and queues
// a copy of the rest, which goes out after Writable events; the caller may
// reuse data at once. cb, if not nil, runs once every byte of data has
// been handed to the OS, or with the error that stopped it; never before
// Write has returned. Bytes queued when the connection is closed are
// dropped, and their callbacks get ErrConnClosed. Loop thread only.
func (c *Conn) Write(data []byte, cb func(err error)) {
	switch {
	case c.closed:
		c.later(cb, ErrConnClosed)
		return
	case c.err != nil:
		c.later(cb, c.err)
		return
	case len(c.out) > 0 || c.onConnect != nil: // behind other bytes, or not connected yet
		c.enqueue(data, cb)
		c.updateInterest()
		return
	}
	n, err := c.stream.Write(data)
	switch {
	case err == nil:
		c.later(cb, nil)
		return
	case !errors.Is(err, minimio.ErrWouldBlock):
		c.err = err
		c.later(cb, err)
		return
	}
	c.enqueue(data[n:], cb)
	c.updateInterest()
}

// enqueue puts a copy of data at the end of the queue, and cb, if not
// nil, among the callbacks waiting for it to be sent.
func (c *Conn) enqueue(data []byte, cb func(err error)) {
	c.out = append(c.out, data...)
	c.queued += int64(len(data))
	if cb != nil {
		c.waiting = append(c.waiting, waiter{end: c.queued, cb: cb})
	}
}

// ANCHOR_END: write

// ANCHOR: closeconn

// later runs cb(err) in the next tick's pending phase, so that no
// callback runs before the call that took it has returned.
func (c *Conn) later(cb func(err error), err error) {
	if cb != nil {
		c.rt.AddPending(func() { cb(err) })
	}
}

// closeLater puts cb, if not nil, in the close phase's queue.
func (rt *Runtime) closeLater(cb func()) {
	if cb != nil {
		rt.closing = append(rt.closing, cb)
	}
}

// Close closes the connection at once; the read callback does not run
// again, and (from the writing step on) bytes still queued are dropped,
// their write callbacks getting ErrConnClosed in the next tick. cb, if
// not nil, runs in the close phase of this tick, after its check phase,
// as Node's 'close' event and libuv's uv_close. Closing twice does
// nothing. Loop thread only.
func (c *Conn) Close(cb func()) error {
	if c.closed {
		return nil
	}
	c.onRead, c.onConnect = nil, nil
	for _, w := range c.waiting {
		c.later(w.cb, ErrConnClosed)
	}
	c.out, c.waiting = nil, nil
	err := c.close()
	c.rt.closeLater(cb)
	return err
}

// ANCHOR_END: closeconn

// ANCHOR: onevent

// onEvent runs when the connection's socket is ready for what it wants:
// the first event ends the connect; after that, on Readable it reads
// once, into the runtime's one read buffer (and, from the writing step
// on, on Writable it first sends what is queued). One read per event is enough: the
// interest stands, and a socket with more to read is reported again.
func (c *Conn) onEvent(kind minimio.Interests) {
	if c.onConnect != nil {
		c.connected()
		return
	}
	if kind.IsWritable() {
		c.flush()
	}
	if kind.IsReadable() && !c.closed && c.onRead != nil {
		buf := c.rt.readBuffer()
		n, err := c.stream.Read(buf)
		switch {
		case errors.Is(err, minimio.ErrWouldBlock):
		case err != nil:
			cb := c.onRead
			c.onRead = nil
			c.updateInterest()
			c.rt.invoke(func() { cb(err, nil) })
		default:
			c.rt.invoke(func() { c.onRead(nil, buf[:n]) })
		}
	}
}

// readBuffer returns the buffer every connection reads into: one per
// runtime, as Node shares one slab, since one callback runs at a time.
func (rt *Runtime) readBuffer() []byte {
	if rt.readBuf == nil {
		rt.readBuf = make([]byte, readBufferSize)
	}
	return rt.readBuf
}

// ANCHOR_END: onevent

// ANCHOR: flush

// flush sends the queued bytes until the socket takes no more, running
// the callback of each write that is all sent, and stops wanting
// Writable once the queue is empty.
func (c *Conn) flush() {
	for len(c.out) > 0 && !c.closed {
		n, err := c.stream.Write(c.out)
		c.out = c.out[n:]
		sent := c.queued - int64(len(c.out))
		for len(c.waiting) > 0 && c.waiting[0].end <= sent && !c.closed {
			cb := c.waiting[0].cb
			c.waiting = c.waiting[1:]
			c.rt.invoke(func() { cb(nil) })
		}
		if errors.Is(err, minimio.ErrWouldBlock) {
			return
		}
		if err != nil {
			c.fail(err)
			return
		}
	}
	if len(c.out) == 0 {
		c.out = nil // let the buffer go
		c.updateInterest()
	}
}

// ANCHOR_END: flush

// ANCHOR: fail

// fail ends the connection's reading (and writing) with err, which
// every waiting callback gets, now: fail runs when the OS refuses the
// watcher's interest (or, from the writing step on, when a send fails).
func (c *Conn) fail(err error) {
	c.err = err
	waiting := c.waiting
	c.out, c.waiting = nil, nil
	cb := c.onRead
	c.onRead = nil
	if c.onConnect != nil {
		connect := c.onConnect
		c.onConnect = nil
		c.close()
		c.rt.invoke(func() { connect(err, nil) })
		return
	}
	c.updateInterest()
	if cb != nil {
		c.rt.invoke(func() { cb(err, nil) })
	}
	for _, w := range waiting {
		c.rt.invoke(func() { w.cb(err) })
	}
}

// ANCHOR_END: fail
