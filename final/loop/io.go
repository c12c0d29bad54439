package loop

import (
	"fmt"

	"github.com/nodeexperiment/gonode/final/console"
	"github.com/nodeexperiment/gonode/final/minimio"
)

// watch is a stream waiting for its event.
type watch struct {
	stream *minimio.TcpStream
	cb     func(err error) (done bool)
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
	console.Print("main", fmt.Sprintf("Event with id: %d registered.", token))
	return nil
}

// runWatch runs the callback of a stream whose event came.
func (rt *Runtime) runWatch(token minimio.Token) {
	w, ok := rt.watches[token]
	if !ok {
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
