package loop_test

//step:file queues

import (
	"fmt"
	"io"

	"github.com/nodeexperiment/gonode/final/console"
	"github.com/nodeexperiment/gonode/final/loop"
)

// The phases and the queues between callbacks in action. The program
// runs first. Inside the timeout's callback: when it returns, its
// nextTick runs, then the promise's reaction (a microtask); then the
// check phase of the same tick runs the immediate; the 0 ms timeout (1
// ms, as in Node) waits for a later tick's timers phase.
func Example() {
	saved := console.SetOutput(io.Discard) // no trace lines here
	defer console.SetOutput(saved)
	rt, err := loop.New(loop.Config{})
	if err != nil {
		panic(err)
	}
	err = rt.Run(func() {
		fmt.Println("program")
		rt.SetTimeout(1, func() {
			fmt.Println("timeout")
			rt.SetTimeout(0, func() { fmt.Println("timeout set by the timeout") })
			rt.SetImmediate(func() { fmt.Println("immediate set by the timeout") })
			rt.Resolve(nil).Then(func(any) any { fmt.Println("promise reaction"); return nil }, nil)
			rt.NextTick(func() { fmt.Println("nextTick") })
		})
	})
	fmt.Println("Run returned", err)
	// Output:
	// program
	// timeout
	// nextTick
	// promise reaction
	// immediate set by the timeout
	// timeout set by the timeout
	// Run returned <nil>
}
