// Package result is what every contender of the benchmark prints and
// what the harness reads back: one JSON line per run, and the lateness
// statistics of the timers workload, computed the same way for the Go
// contenders as bench/node/bench.js computes them for Node.
package result

import (
	"encoding/json"
	"io"
	"slices"
	"time"
)

// Result is one run of one workload by one contender, as the contender
// measured it from the inside. The harness adds the wall time, CPU time
// and peak memory it measures from the outside.
type Result struct {
	Workload  string  `json:"workload"`
	N         int     `json:"n"`
	Ops       int     `json:"ops"`        // operations that completed without error
	Errors    int     `json:"errors"`     // operations that completed with an error
	ElapsedMs float64 `json:"elapsed_ms"` // from the first operation started to the last one done
	LateMaxMs float64 `json:"late_max_ms,omitempty"`
	LateP99Ms float64 `json:"late_p99_ms,omitempty"`
	Ticks     int     `json:"ticks,omitempty"` // ours: turns of the loop
	Addr      string  `json:"addr,omitempty"`  // the echo server's address
	Error     string  `json:"error,omitempty"`
}

// Write prints r on w as one JSON line. It is safe from any goroutine
// that owns w.
func (r Result) Write(w io.Writer) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// TimerLateness returns the lateness statistics of timers whose deadlines
// and fire times, measured from a common start, are in deadline and
// fired; ready is when the program had finished setting them. A timer's
// lateness is how long after it could first have run it did run:
// fired - max(deadline, ready), and never below zero. A loop cannot run a
// callback while the program that sets the timers still runs, in Node as
// in ours, so the time spent setting a million timers is not counted as
// every timer's lateness. It is safe from any goroutine that owns the
// slices.
func TimerLateness(deadline, fired []time.Duration, ready time.Duration) (maxMs, p99Ms float64) {
	late := make([]time.Duration, len(fired))
	for i := range fired {
		late[i] = max(fired[i]-max(deadline[i], ready), 0)
	}
	return Lateness(late)
}

// Lateness returns the largest and the 99th-percentile value of late, in
// milliseconds: the nearest-rank percentile, the value below which 99 %
// of the timers fired. It sorts late in place. It is safe from any
// goroutine that owns late.
func Lateness(late []time.Duration) (maxMs, p99Ms float64) {
	if len(late) == 0 {
		return 0, 0
	}
	slices.Sort(late)
	rank := (len(late)*99 + 99) / 100 // ceil(0.99 n), 1-based
	return Ms(late[len(late)-1]), Ms(late[rank-1])
}

// Ms returns d in milliseconds, fractions included: the unit of every
// time a Result and the harness's table hold.
func Ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
