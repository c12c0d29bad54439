//go:build exercises && solution

package puzzles

// Predict returns the lines Puzzle logs, in the order it logs them.
func Predict() []string {
	return []string{
		"start", "end", // the program runs to its end first
		"tick",                                         // then the whole nextTick queue
		"microtask", "reaction", "tick from microtask", // the microtasks, in the order queued; then round again
		"immediate 1", "tick from immediate 1", // the check phase of tick 1, and its drain
		"immediate 2", // set by an immediate: the next check phase
		"timeout",     // 20 ms later
	}
}
