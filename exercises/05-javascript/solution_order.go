//go:build exercises && solution

package javascript

import "github.com/dop251/goja"

// run runs f and the nextTick queue inside one JavaScript frame, the
// driver, so that every call into the engine they make is nested and
// goja queues its jobs without running them; it runs them when the
// driver returns. A job that queued a nextTick makes it go round again.
func (e *engine) run(f func()) {
	d, err := e.vm.RunString("(function (drive) { drive(); })")
	if err != nil {
		panic(err)
	}
	driver, _ := goja.AssertFunction(d)
	for {
		_, err := driver(goja.Undefined(), e.vm.ToValue(func() {
			f()
			e.runTicks()
		}))
		e.try(nil, err)
		if len(e.ticks) == 0 {
			return
		}
		f = func() {}
	}
}
