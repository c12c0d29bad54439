// ANCHOR: netdoc

package loop

import (
	"errors"

	"github.com/nodeexperiment/gonode/final/minimio"
)

// This file is a TCP server on the loop, in the manner of Node's
// net.createServer: a Server accepts connections and hands each to the
// program as a Conn, whose reads arrive as callbacks and whose writes
// never block the loop. Both are watched through the event queue: the
// server for Readable (a connection to accept), a connection for
// Readable while it reads and for Writable while bytes wait to be sent.
//
// A server, and a connection that is reading or has bytes to send, keep
// the loop alive, as in Node; Server.Close and Conn.Close let it end.
// Whatever is still open when Run ends, after an uncaught panic or
// because nothing kept the loop alive, Run closes: servers and
// connections stay in rt.watches for as long as they are open.

// readBufferSize is the size of the buffer a server's connections read
// into, one at a time (libuv and Node read up to 64 KiB per callback).
const readBufferSize = 64 << 10

// ErrConnClosed is the error a connection's callbacks get for what was
// still to do when it was closed: a write not yet sent, a write or a
// ReadStart after Close.
var ErrConnClosed = errors.New("loop: connection closed")

// ANCHOR_END: netdoc

// ANCHOR: server

// Server is a listening TCP socket served by the loop. Create it with
// Runtime.Listen.
type Server struct {
	rt     *Runtime
	ln     *minimio.TcpListener
	token  minimio.Token
	w      *watch
	onConn func(err error, c *Conn)
	buf    []byte // what its connections read into; valid during a read callback only
	closed bool
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
	s := &Server{rt: rt, ln: ln, token: minimio.Token(rt.newID()), onConn: onConn,
		buf: make([]byte, readBufferSize)}
	s.w = &watch{stream: ln, onEvent: s.onEvent}
	rt.watches[s.token] = s.w
	if err := rt.armWatch(s.token, s.w, minimio.Readable); err != nil {
		delete(rt.watches, s.token)
		ln.Close()
		return nil, err
	}
	return s, nil
}

// ANCHOR_END: server

// ANCHOR: serverclose

// Addr returns the address the server listens on, as "ip:port". Safe
// from any goroutine.
func (s *Server) Addr() string { return s.ln.Addr() }

// Close stops accepting connections and closes the listening socket. The
// connections it has accepted stay open, as in Node. Closing a server
// twice does nothing. Loop thread only.
func (s *Server) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	s.rt.dropWatch(s.token, s.w)
	return s.ln.Close()
}

// ANCHOR_END: serverclose

// ANCHOR: accept

// onEvent runs when the listener's event comes: it accepts every waiting
// connection (on Windows, the one AcceptEx took), runs onConn for each,
// and registers the listener again.
func (s *Server) onEvent() {
	for !s.closed {
		stream, err := s.ln.Accept()
		if errors.Is(err, minimio.ErrWouldBlock) {
			break
		}
		if err != nil {
			// Out of descriptors (EMFILE), say: minimio has closed the
			// connection it could not take, and the program hears of
			// it here. One error per event; if more connections wait,
			// the next event comes at once and goes on with them.
			s.rt.invoke(func() { s.onConn(err, nil) })
			break
		}
		conn := s.newConn(stream)
		s.rt.invoke(func() { s.onConn(nil, conn) })
	}
	if s.closed {
		return
	}
	if err := s.rt.armWatch(s.token, s.w, minimio.Readable); err != nil {
		s.Close()
		s.rt.invoke(func() { s.onConn(err, nil) })
	}
}

// ANCHOR_END: accept

// ANCHOR: conn

// newConn puts an accepted stream in the table; it is registered once
// it reads or has bytes to send.
func (s *Server) newConn(stream *minimio.TcpStream) *Conn {
	c := &Conn{rt: s.rt, server: s, stream: stream, token: minimio.Token(s.rt.newID())}
	c.w = &watch{stream: stream, onEvent: c.onEvent}
	s.rt.watches[c.token] = c.w
	return c
}

// Conn is one connection a Server accepted. Its methods are loop thread
// only, and its callbacks run on the loop thread.
type Conn struct {
	rt     *Runtime
	server *Server
	stream *minimio.TcpStream
	token  minimio.Token
	w      *watch
	onRead func(err error, data []byte) // nil while not reading
	// The bytes still to send, of every queued write, in order, copied
	// from the callers', so that each flush hands the OS as much as it
	// takes; and the callbacks of those writes, by where each one ends.
	out     []byte
	waiting []waiter
	queued  int64 // the bytes ever put in out; queued - len(out) have been sent
	err     error // why writing failed; every later Write gets it
	closed  bool
}

// waiter is the callback of a queued Write, which runs once the
// connection has sent end bytes from its queue.
type waiter struct {
	end int64
	cb  func(err error)
}

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
	if err := c.register(); err != nil {
		c.onRead = nil
		c.rt.AddPending(func() { cb(err, nil) })
	}
}

// ANCHOR_END: conn

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
	case len(c.out) > 0: // behind other bytes: wait for their turn
		c.enqueue(data, cb)
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
	if err := c.register(); err != nil {
		c.err = err
		c.out, c.waiting = nil, nil
		c.later(cb, err)
	}
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

// Close closes the connection at once: bytes still queued are dropped,
// and their write callbacks get ErrConnClosed in the next tick; the read
// callback does not run again. To close once everything written is sent,
// close in a write's callback: Write(nil, cb) runs cb after the writes
// before it. Closing twice does nothing. Loop thread only.
func (c *Conn) Close() error {
	if c.closed {
		return nil
	}
	c.closed = true
	c.rt.dropWatch(c.token, c.w)
	c.onRead = nil
	for _, w := range c.waiting {
		c.later(w.cb, ErrConnClosed)
	}
	c.out, c.waiting = nil, nil
	return c.stream.Close()
}

// ANCHOR_END: closeconn

// ANCHOR: onevent

// onEvent runs when the connection's event comes. Readable or Writable,
// it does not matter: it sends what is queued, reads once, and registers
// again for what it still wants, and a try that finds nothing costs one
// ErrWouldBlock. (The loop is told only the token; and kqueue and IOCP
// may report an interest the last registration left out.) One read per
// event is enough: a socket with more to read is reported again.
func (c *Conn) onEvent() {
	c.flush()
	if !c.closed && c.onRead != nil {
		n, err := c.stream.Read(c.server.buf)
		switch {
		case errors.Is(err, minimio.ErrWouldBlock):
		case err != nil:
			cb := c.onRead
			c.onRead = nil
			c.rt.invoke(func() { cb(err, nil) })
		default:
			c.rt.invoke(func() { c.onRead(nil, c.server.buf[:n]) })
		}
	}
	if c.closed {
		return
	}
	if err := c.register(); err != nil {
		c.fail(err)
	}
}

// ANCHOR_END: onevent

// ANCHOR: flush

// flush sends the queued bytes until the socket takes no more, running
// the callback of each write that is all sent.
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
	}
}

// fail ends the connection's reading and writing with err, which every
// waiting callback gets, now: fail runs only from onEvent.
func (c *Conn) fail(err error) {
	c.err = err
	waiting := c.waiting
	c.out, c.waiting = nil, nil
	if cb := c.onRead; cb != nil {
		c.onRead = nil
		c.rt.invoke(func() { cb(err, nil) })
	}
	for _, w := range waiting {
		c.rt.invoke(func() { w.cb(err) })
	}
}

// register asks for the events the connection wants now: Readable while
// it reads, Writable while bytes are queued. Wanting neither, it is left
// unregistered, and no longer keeps the loop alive.
func (c *Conn) register() error {
	var interests minimio.Interests
	if c.onRead != nil {
		interests |= minimio.Readable
	}
	if len(c.out) > 0 {
		interests |= minimio.Writable
	}
	if interests == 0 {
		return nil
	}
	return c.rt.armWatch(c.token, c.w, interests)
}

// ANCHOR_END: flush

// ANCHOR: watch

// armWatch registers w's source for interests, and counts it in rt.active
// until its event comes or it is closed.
func (rt *Runtime) armWatch(token minimio.Token, w *watch, interests minimio.Interests) error {
	if err := rt.reg.Register(w.stream, token, interests); err != nil {
		return err
	}
	if !w.armed {
		w.armed = true
		rt.hold(w.unref)
	}
	return nil
}

// dropWatch takes a source that is being closed out of the table, and out
// of rt.active if it was registered; an event that still comes for it is
// ignored.
func (rt *Runtime) dropWatch(token minimio.Token, w *watch) {
	delete(rt.watches, token)
	if w.armed {
		w.armed = false
		rt.let(w.unref)
	}
}

// ANCHOR_END: watch
