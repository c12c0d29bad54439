//go:build exercises && solution

package timers

import "github.com/nodeexperiment/gonode/steps/08-timers/loop"

// Debounce returns a function to call instead of f. Each call starts a
// wait of ms milliseconds, or restarts the wait if one is running; f runs
// on the loop thread when a wait ends, so once for each burst of calls.
func Debounce(rt *loop.Runtime, ms int, f func()) func() {
	var t *loop.Timer
	return func() {
		if t == nil {
			t = rt.SetTimeout(ms, func() { t = nil; f() })
			return
		}
		t.Refresh()
	}
}
