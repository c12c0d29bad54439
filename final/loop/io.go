// ANCHOR: watch

package loop

import (
	"github.com/nodeexperiment/gonode/final/console"
	"github.com/nodeexperiment/gonode/final/minimio"
)

// watch is an entry of rt.watches, the sources Run closes if they are
// still there when it ends: a stream read through WatchReadableUntil, or
// a server or connection of net.go, which stays in the table for as long
// as it is open, registered with the queue or not.
type watch struct {
	stream minimio.Source // a *minimio.TcpStream, or a *minimio.TcpListener for a server
	// onEvent handles the source's event and registers it again if it
	// still wants one; armed says whether it is registered now, and so
	// counted in rt.active, keeping the loop alive.
	onEvent func()
	armed   bool
	unref   bool // Unref was called: armed, it does not keep the loop alive
}

// ANCHOR_END: watch

// ANCHOR: watchreadable

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
	w := &watch{stream: stream}
	w.onEvent = func() {
		// Out of the table while cb runs: a cb that closes the stream and
		// then panics must not leave Run a stream to close a second time.
		delete(rt.watches, token)
		done := false
		rt.invoke(func() { done = cb(nil) })
		if done {
			return
		}
		if err := rt.armWatch(token, w, minimio.Readable); err != nil {
			rt.invoke(func() { cb(err) })
			return
		}
		rt.watches[token] = w
	}
	if err := rt.armWatch(token, w, minimio.Readable); err != nil {
		return err
	}
	rt.watches[token] = w
	console.Printf("main", "Event with id: %d registered.", token)
	return nil
}

// ANCHOR_END: watchreadable

// ANCHOR: runwatch

// runWatch runs the handler of a source whose event came.
func (rt *Runtime) runWatch(token minimio.Token) {
	w, ok := rt.watches[token]
	if !ok || !w.armed {
		return // closed already, or an interest given up (kqueue, IOCP): a late event
	}
	w.armed = false
	rt.let(w.unref)
	w.onEvent()
}

// ANCHOR_END: runwatch
