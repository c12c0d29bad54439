//step:file streams

// ANCHOR: watcher

package loop

import "github.com/nodeexperiment/gonode/final/minimio"

// watcher is a socket's standing interest in the event queue, libuv's
// uv__io_t: want is what its callbacks need now (libuv's pevents),
// applied what the OS was last told (libuv's events). Changing want
// costs no system call; the loop tells the OS before its next wait, and
// only if want and applied differ (applyInterest). A watcher is active,
// and so keeps the loop alive, while it wants anything. It stays in
// rt.watchers from the moment it is opened until it is closed, and Run
// closes whatever is still there when it ends.
type watcher struct {
	handle
	src     minimio.Source
	token   minimio.Token
	want    minimio.Interests
	applied minimio.Interests
	queued  bool // in rt.changed
	closed  bool
	onEvent func(kind minimio.Interests) // the event, masked by want
	onError func(err error)              // telling the OS failed; it invokes the callbacks it runs
}

// openWatcher puts a new watcher for src in rt.watchers, wanting nothing
// yet.
func (rt *Runtime) openWatcher(w *watcher, src minimio.Source, onEvent func(minimio.Interests), onError func(error)) {
	*w = watcher{handle: handle{rt: rt}, src: src, token: minimio.Token(rt.newID()),
		onEvent: onEvent, onError: onError}
	rt.watchers[w.token] = w
}

// setInterest makes want the watcher's interest, libuv's uv__io_start and
// uv__io_stop: it starts the handle when it wants something and stops it
// when it wants nothing, and queues the change for the next wait.
func (w *watcher) setInterest(want minimio.Interests) {
	if w.closed || want == w.want {
		return
	}
	w.want = want
	if want != 0 {
		w.start()
	} else {
		w.stop()
	}
	if !w.queued {
		w.queued = true
		w.rt.changed = append(w.rt.changed, w)
	}
}

// close takes the watcher out of the loop and closes its socket. An event
// still on its way for it is dropped.
func (w *watcher) close() error {
	if w.closed {
		return nil
	}
	w.closed = true
	w.stop()
	delete(w.rt.watchers, w.token)
	var err error
	if w.applied != 0 {
		err = w.rt.reg.Deregister(w.src)
		w.rt.ioCalls++
	}
	if cerr := w.src.Close(); cerr != nil {
		err = cerr
	}
	return err
}

// ANCHOR_END: watcher

// ANCHOR: apply

// applyInterest tells the OS what changed since the last wait, as libuv's
// uv__io_poll does before epoll_wait: one Register (ADD) for a watcher the
// OS does not know yet, one Reregister (MOD) for a new mask, one
// Deregister (DEL) for a watcher that wants nothing now. A watcher whose
// mask went back to what the OS has costs nothing.
func (rt *Runtime) applyInterest() {
	changed := rt.changed
	rt.changed = nil
	for _, w := range changed {
		w.queued = false
		rt.apply(w)
	}
}

// apply tells the OS what w wants, if that is not what it was told last.
func (rt *Runtime) apply(w *watcher) {
	if w.closed || w.want == w.applied {
		return
	}
	var err error
	switch {
	case w.applied == 0:
		err = rt.reg.Register(w.src, w.token, w.want)
	case w.want == 0:
		err = rt.reg.Deregister(w.src)
	default:
		err = rt.reg.Reregister(w.src, w.token, w.want)
	}
	rt.ioCalls++
	if err != nil {
		w.onError(err)
		return
	}
	w.applied = w.want
}

// runEvent runs the callback of the watcher an event is for, with the
// event's kind masked by what the watcher wants now (libuv: "give users
// only events they're interested in"): an event for a closed watcher,
// or for an interest it gave up, is dropped.
func (rt *Runtime) runEvent(ev minimio.Event) {
	w, ok := rt.watchers[ev.Token()]
	if !ok {
		return
	}
	var kind minimio.Interests
	if ev.IsReadable() {
		kind |= minimio.Readable
	}
	if ev.IsWritable() {
		kind |= minimio.Writable
	}
	if kind &= w.want; kind != 0 {
		w.onEvent(kind)
	}
}

// ANCHOR_END: apply
