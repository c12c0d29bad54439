// ANCHOR: handle

package loop

//step:before timers
// // handle is what keeps the loop alive, libuv's UV_HANDLE_ACTIVE
// // (src/uv-common.h). A handle is active while it has work to do: a
// // timer armed, a server listening, a connection reading, writing or
// // connecting. An active handle counts in rt.handles. start and stop are
// // the only code that changes rt.handles.
// type handle struct {
//step:end timers
//step:begin timers

// handle is what keeps the loop alive, libuv's UV_HANDLE_ACTIVE and
// UV_HANDLE_REF (src/uv-common.h). A handle is active while it has work
// to do: a timer armed or due, an immediate waiting, a server listening,
// a connection reading, writing or connecting. An active handle that is
// ref'd (the default) counts in rt.handles. start, stop, Ref and Unref
// are the only code that changes rt.handles.
type handle struct {
	//step:end timers
	rt     *Runtime
	active bool
	unref  bool //step:timers
}

// start makes the handle active (libuv's uv__handle_start).
func (h *handle) start() {
	if h.active {
		return
	}
	h.active = true
	//step:begin timers
	if !h.unref {
		h.rt.handles++
	}
	//step:end timers
	//step:before timers
	// h.rt.handles++
	//step:end timers
}

// stop makes the handle inactive (libuv's uv__handle_stop).
func (h *handle) stop() {
	if !h.active {
		return
	}
	h.active = false
	//step:begin timers
	if !h.unref {
		h.rt.handles--
	}
	//step:end timers
	//step:before timers
	// h.rt.handles--
	//step:end timers
}

//step:begin timers

// Ref makes the handle keep the loop alive while it is active (the
// default). Loop thread only.
func (h *handle) Ref() {
	if !h.unref {
		return
	}
	h.unref = false
	if h.active {
		h.rt.handles++
	}
}

// Unref lets the loop end while the handle is active: it still runs if
// the loop is alive for another reason. Loop thread only.
func (h *handle) Unref() {
	if h.unref {
		return
	}
	h.unref = true
	if h.active {
		h.rt.handles--
	}
}

// HasRef reports whether the handle keeps the loop alive while it is
// active. Loop thread only.
func (h *handle) HasRef() bool { return !h.unref }

//step:end timers

// ANCHOR_END: handle

// ANCHOR: alive

// alive reports whether the loop has anything left to do, libuv's
// uv__loop_alive: an active ref'd handle, pool work in flight, a pending
// callback, or a close callback.
func (rt *Runtime) alive() bool {
	return rt.handles > 0 || rt.reqs > 0 || len(rt.pending) > 0 || len(rt.closing) > 0
}

// ANCHOR_END: alive
