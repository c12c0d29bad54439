//go:build exercises

package javascript

import (
	"fmt"
	"strings"

	"github.com/dop251/goja"

	"github.com/nodeexperiment/gonode/final/loop"
)

// engine is a JavaScript engine on final/loop, cut down to what the
// exercise needs: console.log (into out), process.nextTick, setTimeout
// and setImmediate, queueMicrotask. Every callback it runs, and the
// script itself, goes through run (exercise_order.go). Loop thread only.
type engine struct {
	rt    *loop.Runtime
	vm    *goja.Runtime
	ticks []goja.Callable // process.nextTick's queue
	out   []string        // what console.log printed
	err   error           // the first exception a callback threw
}

// runScript runs src on a new runtime and returns the lines it logged.
func runScript(src string) ([]string, error) {
	rt, err := loop.New(loop.Config{})
	if err != nil {
		return nil, err
	}
	e := &engine{rt: rt, vm: goja.New()}
	if err := e.setup(); err != nil {
		return nil, err
	}
	if err := rt.Run(func() {
		e.run(func() { e.try(e.vm.RunString(src)) })
	}); err != nil {
		return e.out, err
	}
	return e.out, e.err
}

// setup makes the globals.
func (e *engine) setup() error {
	vm := e.vm
	console := vm.NewObject()
	_ = console.Set("log", func(call goja.FunctionCall) goja.Value {
		parts := make([]string, len(call.Arguments))
		for i, a := range call.Arguments {
			parts[i] = a.String()
		}
		e.out = append(e.out, strings.Join(parts, " "))
		return goja.Undefined()
	})
	process := vm.NewObject()
	_ = process.Set("nextTick", func(fn goja.Callable) { e.ticks = append(e.ticks, fn) })
	timer := func(set func(ms int, cb func()) *loop.Timer) func(fn goja.Callable, ms int) {
		return func(fn goja.Callable, ms int) {
			set(ms, func() { e.run(func() { e.try(fn(goja.Undefined())) }) })
		}
	}
	g := vm.GlobalObject()
	for name, v := range map[string]any{
		"console":    console,
		"process":    process,
		"setTimeout": timer(e.rt.SetTimeout),
		"setImmediate": func(fn goja.Callable) {
			e.rt.SetImmediate(func() { e.run(func() { e.try(fn(goja.Undefined())) }) })
		},
	} {
		if err := g.Set(name, v); err != nil {
			return err
		}
	}
	_, err := vm.RunString(`globalThis.queueMicrotask = (f) => { Promise.resolve().then(f); };`)
	return err
}

// runTicks runs the nextTick queue until it is empty, the ticks queued
// by ticks included.
func (e *engine) runTicks() {
	for len(e.ticks) > 0 {
		t := e.ticks[0]
		e.ticks = e.ticks[1:]
		_, err := t(goja.Undefined())
		e.try(nil, err)
	}
}

// try keeps the first error a call into the engine returned.
func (e *engine) try(_ goja.Value, err error) {
	if err != nil && e.err == nil {
		e.err = fmt.Errorf("the script threw: %w", err)
	}
}
