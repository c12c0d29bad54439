package gonode

import (
	"github.com/dop251/goja"
)

// ANCHOR: why
// goja runs the promise jobs it has queued (its microtasks) when the
// outermost call into the engine returns, and at no other time: a Go
// function that calls a JavaScript callback while no JavaScript is
// running gets the callback's promise reactions run before the call
// returns, ahead of any nextTick the callback queued. Node runs the
// nextTick queue first.
//
// So every callback runs inside one more JavaScript frame, the driver:
// a JavaScript function that calls back into Go (drive), which runs the
// callback and then the whole nextTick queue, all nested calls, during
// which goja queues jobs but runs none. When the driver returns, goja
// runs its whole job queue, the jobs those jobs queue included. If a
// job queued a nextTick, the driver runs again. The result is Node's
// processTicksAndRejections: ticks, then microtasks, until both are
// empty, then the promises rejected with no handler.
// ANCHOR_END: why

// tick is one process.nextTick call.
type tick struct {
	fn   goja.Callable
	args []goja.Value
}

// driverSource is the driver: one JavaScript frame around a Go function.
const driverSource = "(function driver(drive) { drive(); })"

// driverFile is the name the driver is compiled under; stacks leave its
// frames out, as Node leaves out its own internals in a user's report.
const driverFile = "gonode:driver"

// ANCHOR: scope

// scope runs f as one callback of Node's: f, the nextTick queue, goja's
// job queue, again until both are empty, then the rejections nobody
// handled, and again if reporting them queued more. Every callback the
// loop runs for the script goes through it. If the run must end
// (process.exit, an uncaught error), scope ends it once the engine has
// returned: loop.Runtime.Exit unwinds the loop thread, which must not
// happen with goja's frames on it.
func (n *node) scope(f func()) {
	for {
		n.inner = func() {
			f()
			n.runTicks()
		}
		_, err := n.driver(goja.Undefined(), n.driveFn())
		if err != nil && n.stop == nil {
			n.uncaught(err, "uncaughtException")
		}
		f = func() {}
		if n.stop != nil {
			break
		}
		if len(n.ticks) > 0 {
			continue
		}
		if !n.reportRejections() {
			break
		}
	}
	if n.stop != nil && !n.exiting {
		n.vm.ClearInterrupt()
		n.rt.Exit(*n.stop)
	}
}

// runTicks runs the nextTick queue until it is empty, the ticks queued
// by ticks included. A tick that throws is an uncaught exception; with
// an uncaughtException listener, the queue goes on.
func (n *node) runTicks() {
	for len(n.ticks) > 0 && n.stop == nil {
		t := n.ticks[0]
		n.ticks[0] = tick{}
		n.ticks = n.ticks[1:]
		if _, err := t.fn(goja.Undefined(), t.args...); err != nil {
			n.uncaught(err, "uncaughtException")
		}
	}
}

// ANCHOR_END: scope

// driveFn is the Go function the driver calls: it runs n.inner.
func (n *node) driveFn() goja.Value {
	return n.vm.ToValue(func(goja.FunctionCall) goja.Value {
		n.inner()
		return goja.Undefined()
	})
}

// ANCHOR: nexttick

// nextTick is process.nextTick(fn, ...args).
func (n *node) nextTick(call goja.FunctionCall) goja.Value {
	fn := n.callback(call.Argument(0), "callback")
	if n.exiting {
		return goja.Undefined() // an exit listener's ticks never run
	}
	n.ticks = append(n.ticks, tick{fn: fn, args: append([]goja.Value(nil), call.Arguments[1:]...)})
	return goja.Undefined()
}

// ANCHOR_END: nexttick

// ANCHOR: tracker

// track is goja's promise rejection tracker: it hears of a promise
// rejected with no handler (reject), and of a handler added to a
// promise it had heard of (handle). The promises still unhandled when
// both queues are empty are reported then, as Node's
// processPromiseRejections does.
func (n *node) track(p *goja.Promise, op goja.PromiseRejectionOperation) {
	switch op {
	case goja.PromiseRejectionReject:
		n.rejections = append(n.rejections, p)
	case goja.PromiseRejectionHandle:
		for i, q := range n.rejections {
			if q == p {
				n.rejections = append(n.rejections[:i], n.rejections[i+1:]...)
				break
			}
		}
	}
}

// reportRejections reports each promise rejected with no handler, in
// the order they were rejected: to the 'unhandledRejection' listeners,
// or else as an uncaught exception whose origin is
// 'unhandledRejection' (Node ≥ 15). It says whether there were any.
func (n *node) reportRejections() bool {
	if len(n.rejections) == 0 {
		return false
	}
	pending := n.rejections
	n.rejections = nil
	n.inner = func() {
		for _, p := range pending {
			if n.stop != nil {
				return
			}
			reason := p.Result()
			if n.listeners("unhandledRejection") > 0 {
				n.emitEvent("unhandledRejection", reason, n.vm.ToValue(p))
				continue
			}
			n.uncaughtValue(n.rejectionError(reason), nil, "unhandledRejection")
		}
		n.runTicks()
	}
	if _, err := n.driver(goja.Undefined(), n.driveFn()); err != nil && n.stop == nil {
		n.uncaught(err, "uncaughtException")
	}
	return true
}

// ANCHOR_END: tracker

// ANCHOR: uncaught

// uncaught handles an exception that reached the top of a callback: the
// 'uncaughtException' listeners hear of it, with its origin, and the
// loop goes on; with none, it is printed and the run ends with status 1.
// A listener that throws ends the run with status 7. It is called on the
// loop thread, inside the driver or out of it.
func (n *node) uncaught(err error, origin string) {
	ex, ok := err.(*goja.Exception)
	if !ok { // an interrupt: process.exit or a fatal error, already handled
		return
	}
	n.uncaughtValue(ex.Value(), ex, origin)
}

func (n *node) uncaughtValue(v goja.Value, ex *goja.Exception, origin string) {
	if n.stop != nil {
		return
	}
	if n.listeners("uncaughtException") == 0 {
		n.fatal(v, ex, 1)
		return
	}
	if _, err := n.emit(n.process, n.vm.ToValue("uncaughtException"), v, n.vm.ToValue(origin)); err != nil {
		if hex, ok := err.(*goja.Exception); ok {
			n.noExitEvent = true
			n.fatal(hex.Value(), hex, 7)
		}
	}
}

// fatal prints an uncaught error as Node does and ends the run with
// code: process.exitCode becomes code, the exit listeners run, and no
// other JavaScript does (the engine is interrupted at once).
func (n *node) fatal(v goja.Value, ex *goja.Exception, code int) {
	n.printFatal(v, ex)
	n.exitNow(code)
}

// exitNow ends the run with code: the engine stops at its next
// instruction, and scope hands the exit to the loop.
func (n *node) exitNow(code int) {
	if n.stop != nil {
		return
	}
	n.stop = &code
	n.rt.SetExitCode(code)
	n.vm.Interrupt(exitInterrupt{})
}

// exitInterrupt is what the engine is interrupted with to end the run.
type exitInterrupt struct{}

// ANCHOR_END: uncaught
