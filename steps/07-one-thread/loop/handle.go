// ANCHOR: handle

package loop

// handle is what keeps the loop alive, libuv's UV_HANDLE_ACTIVE
// (src/uv-common.h). A handle is active while it has work to do: a
// timer armed, a server listening, a connection reading, writing or
// connecting. An active handle counts in rt.handles. start and stop are
// the only code that changes rt.handles.
type handle struct {
	rt     *Runtime
	active bool
}

// start makes the handle active (libuv's uv__handle_start).
func (h *handle) start() {
	if h.active {
		return
	}
	h.active = true
	h.rt.handles++
}

// stop makes the handle inactive (libuv's uv__handle_stop).
func (h *handle) stop() {
	if !h.active {
		return
	}
	h.active = false
	h.rt.handles--
}

// ANCHOR_END: handle

// ANCHOR: alive

// alive reports whether the loop has anything left to do, libuv's
// uv__loop_alive: an active ref'd handle, pool work in flight, a pending
// callback, or a close callback.
func (rt *Runtime) alive() bool {
	return rt.handles > 0 || rt.reqs > 0 || len(rt.pending) > 0 || len(rt.closing) > 0
}

// ANCHOR_END: alive
