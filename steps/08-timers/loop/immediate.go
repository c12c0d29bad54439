// ANCHOR: immediate

package loop

// Immediate is a pending SetImmediate. Pass it to ClearImmediate to
// cancel it. An Immediate belongs to the loop thread.
type Immediate struct {
	handle // active until it runs or is cleared
	cb     func()
}

// SetImmediate runs cb on the loop thread in the check phase, right after
// the poll phase of the current tick (or of the first tick, when called
// by the program). Immediates run in the order they were set; one set by
// an immediate runs in the next tick, as in Node. While an immediate is
// waiting, the poll phase does not block. Loop thread only.
func (rt *Runtime) SetImmediate(cb func()) *Immediate {
	im := &Immediate{handle: handle{rt: rt}, cb: cb}
	rt.immediates = append(rt.immediates, im)
	im.start()
	return im
}

// ClearImmediate cancels im if it has not run. Clearing one that has run
// or was cleared, or a nil one, does nothing. Loop thread only.
func (rt *Runtime) ClearImmediate(im *Immediate) {
	if im != nil {
		im.stop()
	}
}

// Ref makes the immediate keep the loop alive again (the default). It
// returns im. Loop thread only.
func (im *Immediate) Ref() *Immediate { im.handle.Ref(); return im }

// Unref lets the loop end while the immediate is waiting: it still runs
// in the next check phase if the loop is alive for another reason. It
// returns im. Loop thread only.
func (im *Immediate) Unref() *Immediate { im.handle.Unref(); return im }

// runImmediates is the check phase: it runs the immediates that were set
// before it started. Those its callbacks set go in the other of two
// slices, which take turns, so that a chain of immediates allocates no
// queue.
func (rt *Runtime) runImmediates() {
	batch := rt.immediates
	rt.immediates, rt.spare = rt.spare[:0], nil
	for _, im := range batch {
		if !im.active {
			continue // cleared
		}
		// ANCHOR: immediatemark
		im.stop()
		rt.invoke(im.cb)
		// ANCHOR_END: immediatemark
	}
	clear(batch)
	rt.spare = batch[:0]
}

// ANCHOR_END: immediate
