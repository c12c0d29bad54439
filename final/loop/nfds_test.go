//step:file one-thread

package loop

//step:file timers

import (
	"testing"

	"github.com/nodeexperiment/gonode/final/js"
)

//step:begin timers

// TestNoWaitWithNothingWatched checks libuv's nfds == 0 rule: a chain
// of immediates, with no stream watched and no pool work out, turns the
// loop without asking the event queue anything; with a server listening,
// or pool work out, every tick asks.
func TestNoWaitWithNothingWatched(t *testing.T) {
	chain := func(rt *Runtime, n int, last func()) {
		var step func()
		step = func() {
			if n--; n > 0 {
				rt.SetImmediate(step)
			} else {
				last()
			}
		}
		rt.SetImmediate(step)
	}
	rt := runProgram(t, Config{}, func(rt *Runtime) { chain(rt, 1000, func() {}) })
	if rt.ticks < 1000 || rt.waits != 0 {
		t.Errorf("nothing watched: %d ticks, %d waits; want 1000 or more, and 0", rt.ticks, rt.waits)
	}
	//step:begin listening
	rt = runProgram(t, Config{}, func(rt *Runtime) {
		srv, err := rt.Listen("127.0.0.1:0", func(error, *Conn) {})
		if err != nil {
			t.Fatal(err)
		}
		chain(rt, 1000, func() { srv.Close(nil) })
	})
	if rt.waits < 1000 {
		t.Errorf("a server listening: %d ticks, %d waits; want a wait in each of the 1000 ticks", rt.ticks, rt.waits)
	}
	//step:end listening
	rt = runProgram(t, Config{}, func(rt *Runtime) {
		release := make(chan struct{})
		rt.QueueWork("held", func() (js.Value, error) { <-release; return js.Undefined, nil }, func(error, js.Value) {})
		chain(rt, 1000, func() { close(release) })
	})
	if rt.waits < 1000 {
		t.Errorf("pool work out: %d ticks, %d waits; want a wait in each of the 1000 ticks", rt.ticks, rt.waits)
	}
}

//step:end timers
