//go:build exercises && solution

package uncaught

import "github.com/nodeexperiment/gonode/steps/11-errors/loop"

// Tolerate sets rt's uncaught-exception handler: it logs each uncaught
// error's message with log, and lets the loop go on, until the n-th
// error, which it logs too and then ends the run with exit code 70.
func Tolerate(rt *loop.Runtime, n int, log func(string)) {
	seen := 0
	rt.OnUncaughtException(func(err *loop.UncaughtError) {
		log(err.Error())
		if seen++; seen == n {
			rt.Exit(70)
		}
	})
}
