package loop

import (
	"fmt"

	"github.com/nodeexperiment/gonode/final/console"
	"github.com/nodeexperiment/gonode/final/minimio"
)

// watch is a stream waiting for its event.
type watch struct {
	stream *minimio.TcpStream
	cb     func()
}

// WatchReadable asks the event queue for one event when stream has data
// to read (or, on Windows, has received it), and runs cb on the loop
// thread then. It prints the watch's id, as the book's trace shows. If
// Run ends before the event comes (after an uncaught panic), Run closes
// the stream. Loop thread only.
func (rt *Runtime) WatchReadable(stream *minimio.TcpStream, cb func()) error {
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
	delete(rt.watches, token)
	rt.active--
	w.cb()
}
