package loop_test

import (
	"fmt"
	"io"

	"github.com/nodeexperiment/gonode/final/console"
	"github.com/nodeexperiment/gonode/final/loop"
)

// The phases in action. The program runs first; the first tick's timers
// phase runs the 0 ms timeout, and its check phase both immediates, the
// one the program set and the one the timeout set; the timeout the
// timeout set waits for the second tick. (Node would clamp 0 ms to 1 ms,
// which can let the first immediate run before the first timeout.)
func Example() {
	saved := console.SetOutput(io.Discard) // no trace lines here
	defer console.SetOutput(saved)
	rt, err := loop.New(loop.Config{})
	if err != nil {
		panic(err)
	}
	err = rt.Run(func() {
		fmt.Println("program")
		rt.SetTimeout(0, func() {
			fmt.Println("timeout, tick", rt.Ticks())
			rt.SetImmediate(func() { fmt.Println("immediate set by the timeout, tick", rt.Ticks()) })
			rt.SetTimeout(0, func() { fmt.Println("timeout set by the timeout, tick", rt.Ticks()) })
		})
		rt.SetImmediate(func() { fmt.Println("immediate, tick", rt.Ticks()) })
	})
	fmt.Println("Run returned", err)
	// Output:
	// program
	// timeout, tick 1
	// immediate, tick 1
	// immediate set by the timeout, tick 1
	// timeout set by the timeout, tick 2
	// Run returned <nil>
}
