package gonode

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/dop251/goja"
)

// version is what process.version says: the Node API gonode follows.
const version = "v20.0.0-gonode"

// setup makes the globals a Node script expects: the timers,
// queueMicrotask, console, process, Buffer, require's modules.
func (n *node) setup(args []string) error {
	vm := n.vm
	vm.SetPromiseRejectionTracker(n.track)
	d, err := vm.RunScript(driverFile, driverSource)
	if err != nil {
		return err
	}
	n.driver, _ = goja.AssertFunction(d)
	n.kHandle = goja.NewSymbol("handle")

	libFn, err := vm.RunScript("gonode:lib.js", libSource)
	if err != nil {
		return err
	}
	call, _ := goja.AssertFunction(libFn)
	lib, err := call(goja.Undefined(), n.binding())
	if err != nil {
		return err
	}
	n.lib = lib.ToObject(vm)

	g := vm.GlobalObject()
	set := func(name string, v any) {
		if err == nil {
			err = g.Set(name, v)
		}
	}
	set("global", g)
	set("Buffer", n.lib.Get("Buffer"))
	n.setupTimers(set)
	n.setupConsole(set)
	set("performance", n.performance())
	set("SharedArrayBuffer", g.Get("ArrayBuffer"))
	set("Atomics", n.atomics())
	if err != nil {
		return err
	}
	n.process, err = n.newProcess(args)
	if err != nil {
		return err
	}
	set("process", n.process)
	// queueMicrotask is a JavaScript function, so that the callback runs
	// in a JavaScript frame: a throw in it is reported as uncaught, and
	// the callback's own calls into Go are nested (see queues.go).
	qm, err2 := vm.RunString(`(function (P, report, check) {
  return function queueMicrotask(callback) {
    check(callback);
    P.resolve().then(() => { try { callback(); } catch (e) { report(e); } });
  };
})`)
	if err2 != nil {
		return err2
	}
	mk, _ := goja.AssertFunction(qm)
	q, err2 := mk(goja.Undefined(), g.Get("Promise"),
		vm.ToValue(func(c goja.FunctionCall) goja.Value {
			n.uncaughtValue(c.Argument(0), nil, "uncaughtException")
			return goja.Undefined()
		}),
		vm.ToValue(func(c goja.FunctionCall) goja.Value {
			n.callback(c.Argument(0), "callback")
			return goja.Undefined()
		}))
	if err2 != nil {
		return err2
	}
	set("queueMicrotask", q)
	return err
}

// newProcess makes the process object: an EventEmitter with Node's
// nextTick, exit, exitCode, argv, env and the rest, and the loop's hooks
// that emit its 'beforeExit' and 'exit' events.
func (n *node) newProcess(args []string) (*goja.Object, error) {
	vm := n.vm
	ee := n.lib.Get("EventEmitter").ToObject(vm)
	p := vm.NewObject()
	if err := p.SetPrototype(ee.Get("prototype").ToObject(vm)); err != nil {
		return nil, err
	}
	n.emit, _ = goja.AssertFunction(p.Get("emit"))
	n.count, _ = goja.AssertFunction(p.Get("listenerCount"))
	exe, _ := os.Executable()
	argv := append([]string{exe, n.file}, args...)
	env := vm.NewObject()
	for _, kv := range os.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok {
			_ = env.Set(k, v)
		}
	}
	start := time.Now()
	var err error
	set := func(name string, v any) {
		if err == nil {
			err = p.Set(name, v)
		}
	}
	set("argv", argv)
	set("argv0", "node")
	set("execPath", exe)
	set("env", env)
	set("pid", os.Getpid())
	set("platform", goos())
	set("arch", runtime.GOARCH)
	set("version", version)
	set("versions", map[string]string{"node": strings.TrimPrefix(version, "v"), "goja": "v0.0.0-20260311135729-065cd970411c"})
	set("title", "gonode")
	set("nextTick", n.nextTick)
	set("cwd", func() string { d, _ := os.Getwd(); return d })
	set("uptime", func() float64 { return time.Since(start).Seconds() })
	set("hrtime", func(call goja.FunctionCall) goja.Value {
		ns := time.Since(start).Nanoseconds()
		return vm.ToValue([]int64{ns / 1e9, ns % 1e9})
	})
	set("exit", func(call goja.FunctionCall) goja.Value {
		code := n.rt.ExitCode()
		if a := call.Argument(0); !goja.IsUndefined(a) {
			code = int(a.ToInteger())
		}
		n.rt.SetExitCode(code)
		if n.exiting {
			n.vm.Interrupt(exitInterrupt{}) // no other listener runs
			return goja.Undefined()
		}
		n.exitNow(code)
		return goja.Undefined()
	})
	set("stdin", n.lib.Get("stdin"))
	set("stdout", n.stream(n.stdout))
	set("stderr", n.stream(n.stderr))
	if err != nil {
		return nil, err
	}
	err = p.DefineAccessorProperty("exitCode",
		vm.ToValue(func(goja.FunctionCall) goja.Value {
			if !n.exitSet {
				return goja.Undefined()
			}
			return vm.ToValue(n.rt.ExitCode())
		}),
		vm.ToValue(func(call goja.FunctionCall) goja.Value {
			a := call.Argument(0)
			n.exitSet = !goja.IsUndefined(a) && !goja.IsNull(a)
			if n.exitSet {
				n.rt.SetExitCode(int(a.ToInteger()))
			} else {
				n.rt.SetExitCode(0)
			}
			return goja.Undefined()
		}), goja.FLAG_FALSE, goja.FLAG_TRUE)
	if err != nil {
		return nil, err
	}

	n.rt.OnBeforeExit(func(code int) {
		if n.listeners("beforeExit") > 0 {
			n.scope(func() { n.emitEvent("beforeExit", vm.ToValue(code)) })
		}
	})
	n.rt.OnExit(n.onExit)
	return p, nil
}

// ANCHOR: exit

// onExit emits 'exit' with the exit code, after the loop: a listener's
// nextTicks and timers never run. The microtasks the listeners queue run
// when the loop ran dry (goja runs them when the driver returns), and
// not after process.exit or a fatal error, where Node exits straight
// after the event: the engine is interrupted before it can run them.
// After an uncaughtException listener threw, Node emits no 'exit' at all.
func (n *node) onExit(code int) {
	n.exiting = true
	n.vm.ClearInterrupt()
	if n.noExitEvent || n.listeners("exit") == 0 {
		return
	}
	n.inner = func() {
		n.emitEvent("exit", n.vm.ToValue(code))
		if n.stop != nil {
			n.vm.Interrupt(exitInterrupt{})
		}
	}
	if _, err := n.driver(goja.Undefined(), n.driveFn()); err != nil {
		if ex, ok := err.(*goja.Exception); ok && !n.fatalShown {
			n.printFatal(ex.Value(), ex)
			n.rt.SetExitCode(7)
		}
	}
	n.vm.ClearInterrupt()
}

// ANCHOR_END: exit

// listeners returns how many listeners process has for event.
func (n *node) listeners(event string) int {
	v, err := n.count(n.process, n.vm.ToValue(event))
	if err != nil {
		return 0
	}
	return int(v.ToInteger())
}

// emitEvent emits event on process, from inside the driver: a listener
// that throws is an uncaught exception.
func (n *node) emitEvent(event string, args ...goja.Value) {
	if _, err := n.emit(n.process, append([]goja.Value{n.vm.ToValue(event)}, args...)...); err != nil {
		n.uncaught(err, "uncaughtException")
	}
}

// stream is process.stdout or process.stderr: write(text) and no more.
func (n *node) stream(w interface{ Write([]byte) (int, error) }) *goja.Object {
	o := n.vm.NewObject()
	_ = o.Set("write", func(call goja.FunctionCall) goja.Value {
		a := call.Argument(0)
		if b, ok := a.Export().([]byte); ok {
			_, _ = w.Write(b)
		} else {
			_, _ = w.Write([]byte(a.String()))
		}
		return n.vm.ToValue(true)
	})
	_ = o.Set("isTTY", false)
	return o
}

// performance is the global performance: now() in milliseconds since
// the run began.
func (n *node) performance() *goja.Object {
	start := time.Now()
	o := n.vm.NewObject()
	_ = o.Set("now", func() float64 { return float64(time.Since(start).Nanoseconds()) / 1e6 })
	_ = o.Set("timeOrigin", float64(start.UnixNano())/1e6)
	return o
}

// atomics is the global Atomics, with wait only: a script with one
// thread has nobody to wake it, so Atomics.wait(array, index, value,
// ms) blocks the loop thread for ms when the element holds value, as
// a long synchronous call would ("timed-out"), and returns "not-equal"
// otherwise. (goja has no SharedArrayBuffer; the global of that name is
// ArrayBuffer.)
func (n *node) atomics() *goja.Object {
	o := n.vm.NewObject()
	_ = o.Set("wait", func(call goja.FunctionCall) goja.Value {
		arr := call.Argument(0).ToObject(n.vm)
		if !arr.Get(call.Argument(1).String()).StrictEquals(call.Argument(2)) {
			return n.vm.ToValue("not-equal")
		}
		ms := call.Argument(3).ToFloat()
		time.Sleep(time.Duration(ms * float64(time.Millisecond)))
		return n.vm.ToValue("timed-out")
	})
	return o
}

// goos is process.platform: Go's GOOS under Node's names.
func goos() string {
	if runtime.GOOS == "windows" {
		return "win32"
	}
	return runtime.GOOS
}

// callback returns v as a function, or throws Node's TypeError
// ERR_INVALID_ARG_TYPE naming the argument.
func (n *node) callback(v goja.Value, name string) goja.Callable {
	if fn, ok := goja.AssertFunction(v); ok {
		return fn
	}
	panic(n.typeError("ERR_INVALID_ARG_TYPE",
		fmt.Sprintf("The %q argument must be of type function. Received %s", name, n.received(v))))
}

// received describes a value as Node's argument errors do.
func (n *node) received(v goja.Value) string {
	if s := nullish(v); s != "" {
		return s
	}
	switch x := v.Export().(type) {
	case string:
		s := x
		if len(s) > 25 {
			s = s[:25] + "..."
		}
		return fmt.Sprintf("type string ('%s')", s)
	case int64, float64:
		return fmt.Sprintf("type number (%s)", v.String())
	case bool:
		return fmt.Sprintf("type boolean (%v)", x)
	}
	return "an instance of " + v.ToObject(n.vm).ClassName()
}

// typeError returns a TypeError with Node's code property, to panic
// with from a Go function the script called (goja throws it).
func (n *node) typeError(code, msg string) *goja.Object {
	e := n.vm.NewTypeError("%s", msg)
	_ = e.Set("code", code)
	return e
}
