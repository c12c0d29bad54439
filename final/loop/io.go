package loop

import (
	"github.com/nodeexperiment/gonode/final/console"
	"github.com/nodeexperiment/gonode/final/minimio"
)

// watch is an entry of rt.watches, the sources Run closes if they are
// still there when it ends: a stream waiting for its event (WatchReadable
// and WatchReadableUntil, with cb), or a server or connection of net.go
// (with onEvent), which stays in the table for as long as it is open,
// registered with the queue or not.
type watch struct {
	stream minimio.Source              // a *minimio.TcpStream, or a *minimio.TcpListener for a server
	cb     func(err error) (done bool) // WatchReadableUntil's callback
	// net.go's: the handler of the source's events, which registers
	// it again itself, and whether it is registered (and so counted in
	// rt.active, keeping the loop alive) now.
	onEvent func()
	armed   bool
}

// WatchReadable asks the event queue for one event when stream has data
// to read (or, on Windows, has received it), and runs cb on the loop
// thread then. It prints the watch's id, as the book's trace shows. If
// Run ends before the event comes (after an uncaught panic), Run closes
// the stream. Loop thread only.
func (rt *Runtime) WatchReadable(stream *minimio.TcpStream, cb func()) error {
	return rt.WatchReadableUntil(stream, func(error) bool { cb(); return true })
}

// WatchReadableUntil watches stream for as many events as a reader needs:
// after each event it runs cb(nil) on the loop thread, and unless cb
// returns true (done) it registers the stream again, under the same id
// and without printing, for its next event, as libuv keeps a stream
// watched between uv_read_start and uv_read_stop. If registering again
// fails, cb runs once more, with that error, and the watch ends whatever
// it returns. It prints the watch's id once; if Run ends before the
// watch does, Run closes the stream. Loop thread only.
func (rt *Runtime) WatchReadableUntil(stream *minimio.TcpStream, cb func(err error) (done bool)) error {
	token := minimio.Token(rt.newID())
	if err := rt.reg.Register(stream, token, minimio.Readable); err != nil {
		return err
	}
	rt.watches[token] = &watch{stream: stream, cb: cb}
	rt.active++
	console.Printf("main", "Event with id: %d registered.", token)
	return nil
}

// runWatch runs the callback of a stream whose event came.
func (rt *Runtime) runWatch(token minimio.Token) {
	w, ok := rt.watches[token]
	if !ok {
		return // closed already: a late event
	}
	if w.onEvent != nil {
		if !w.armed {
			return // a late event for an interest given up (kqueue, IOCP)
		}
		w.armed = false
		rt.active--
		w.onEvent()
		return
	}
	// Out of the table while cb runs: a cb that closes the stream and
	// then panics must not leave Run a stream to close a second time.
	delete(rt.watches, token)
	rt.active--
	if w.cb(nil) {
		return
	}
	if err := rt.reg.Register(w.stream, token, minimio.Readable); err != nil {
		w.cb(err)
		return
	}
	rt.watches[token] = w
	rt.active++
}
