package gonode

import (
	"math"

	"github.com/dop251/goja"

	"github.com/nodeexperiment/gonode/final/loop"
)

// ANCHOR: settimeout

// setupTimers makes the global timer functions over the loop's: each
// callback runs in scope, as one callback of the loop.
func (n *node) setupTimers(set func(string, any)) {
	timeout := n.vm.NewObject()
	n.protos["Timeout"] = timeout
	immediate := n.vm.NewObject()
	n.protos["Immediate"] = immediate

	set("setTimeout", func(call goja.FunctionCall) goja.Value {
		return n.timer(call, false)
	})
	set("setInterval", func(call goja.FunctionCall) goja.Value {
		return n.timer(call, true)
	})
	set("setImmediate", func(call goja.FunctionCall) goja.Value {
		fn := n.callback(call.Argument(0), "callback")
		args := rest(call.Arguments, 1)
		o := n.handleObject(immediate)
		im := n.rt.SetImmediate(func() {
			n.scope(func() { n.callOrReport(fn, o, args) })
		})
		_ = o.SetSymbol(n.kHandle, n.vm.ToValue(im))
		return o
	})
	clear := func(call goja.FunctionCall) goja.Value {
		if t, ok := n.handle(call.Argument(0)).(*loop.Timer); ok {
			n.rt.ClearTimeout(t)
		}
		return goja.Undefined()
	}
	set("clearTimeout", clear)
	set("clearInterval", clear)
	set("clearImmediate", func(call goja.FunctionCall) goja.Value {
		if im, ok := n.handle(call.Argument(0)).(*loop.Immediate); ok {
			n.rt.ClearImmediate(im)
		}
		return goja.Undefined()
	})
	n.timerMethods(timeout, immediate)
}

// timer is setTimeout and setInterval: the callback, the delay as the
// loop takes it (whole milliseconds; the loop makes one below 1 or
// above 2³¹−1 into 1, as Node does), the arguments to pass on.
func (n *node) timer(call goja.FunctionCall, repeat bool) goja.Value {
	fn := n.callback(call.Argument(0), "callback")
	ms := delay(call.Argument(1))
	args := rest(call.Arguments, 2)
	o := n.handleObject(n.protos["Timeout"])
	cb := func() { n.scope(func() { n.callOrReport(fn, o, args) }) }
	var t *loop.Timer
	if repeat {
		t = n.rt.SetInterval(ms, cb)
	} else {
		t = n.rt.SetTimeout(ms, cb)
	}
	_ = o.SetSymbol(n.kHandle, n.vm.ToValue(t))
	return o
}

// ANCHOR_END: settimeout

// delay converts a delay argument to whole milliseconds: NaN and
// undefined are 0, and what does not fit an int32 stays above
// loop.MaxDelay so that the loop warns of it.
func delay(v goja.Value) int {
	f := v.ToFloat()
	switch {
	case math.IsNaN(f):
		return 0
	case f > loop.MaxDelay:
		if f > math.MaxInt32*2 {
			return loop.MaxDelay + 1
		}
		return int(f)
	case f < 0:
		return -1
	}
	return int(f)
}

// rest returns a copy of args from i on.
func rest(args []goja.Value, i int) []goja.Value {
	if len(args) <= i {
		return nil
	}
	return append([]goja.Value(nil), args[i:]...)
}

// callOrReport calls fn from inside the driver; a throw is an uncaught
// exception.
func (n *node) callOrReport(fn goja.Callable, this goja.Value, args []goja.Value) {
	if _, err := fn(this, args...); err != nil {
		n.uncaught(err, "uncaughtException")
	}
}

// handleObject returns a new object of the prototype proto, the kind of
// object a timer function returns.
func (n *node) handleObject(proto *goja.Object) *goja.Object {
	o := n.vm.NewObject()
	_ = o.SetPrototype(proto)
	return o
}

// handle returns the Go value a handle object holds, or nil.
func (n *node) handle(v goja.Value) any {
	o, ok := v.(*goja.Object)
	if !ok {
		return nil
	}
	h := o.GetSymbol(n.kHandle)
	if h == nil {
		return nil
	}
	return h.Export()
}

// refHandle is what hasRef works on.
type refHandle interface{ HasRef() bool }

// timerOrImmediate returns a method that calls onTimer or onImmediate
// with its this's handle, whichever that is, and returns this.
func (n *node) timerOrImmediate(onTimer func(*loop.Timer) *loop.Timer, onImmediate func(*loop.Immediate) *loop.Immediate) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		switch h := n.handle(call.This).(type) {
		case *loop.Timer:
			onTimer(h)
		case *loop.Immediate:
			onImmediate(h)
		}
		return call.This
	}
}

// timerMethods puts ref, unref, hasRef (and on timeouts refresh and
// close) on the prototypes of the objects the timer functions return.
func (n *node) timerMethods(timeout, immediate *goja.Object) {
	for _, proto := range []*goja.Object{timeout, immediate} {
		_ = proto.Set("ref", n.timerOrImmediate((*loop.Timer).Ref, (*loop.Immediate).Ref))
		_ = proto.Set("unref", n.timerOrImmediate((*loop.Timer).Unref, (*loop.Immediate).Unref))
		_ = proto.Set("hasRef", func(call goja.FunctionCall) goja.Value {
			if h, ok := n.handle(call.This).(refHandle); ok {
				return n.vm.ToValue(h.HasRef())
			}
			return n.vm.ToValue(false)
		})
	}
	_ = timeout.Set("refresh", func(call goja.FunctionCall) goja.Value {
		if t, ok := n.handle(call.This).(*loop.Timer); ok {
			t.Refresh()
		}
		return call.This
	})
	_ = timeout.Set("close", func(call goja.FunctionCall) goja.Value {
		if t, ok := n.handle(call.This).(*loop.Timer); ok {
			n.rt.ClearTimeout(t)
		}
		return call.This
	})
	_ = timeout.SetSymbol(goja.SymToPrimitive, func(call goja.FunctionCall) goja.Value {
		if t, ok := n.handle(call.This).(*loop.Timer); ok {
			return n.vm.ToValue(t.ID())
		}
		return n.vm.ToValue(math.NaN())
	})
}
