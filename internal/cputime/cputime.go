// Package cputime measures the CPU time the process has used, so that a
// test can bound it: a loop or poll thread that spins while it should
// wait shows up as CPU time close to the time it waited, whatever the
// program prints or how many ticks it counts. Timing on a loaded machine
// varies; CPU time used by the process does not grow with the load of
// other processes, so a bound on it can be tight without being flaky.
package cputime

import (
	"testing"
	"time"
)

// Used returns the CPU time, user and system, that every thread of the
// process has used since it started. It fails the test if the OS cannot
// say.
func Used(t testing.TB) time.Duration {
	t.Helper()
	d, err := used()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Check runs f, which should spend its time waiting, and fails the test
// if the process used more than a share of the time f took in CPU: a
// tenth on Unix, a quarter on Windows (see fraction). A program that only
// waits uses a few milliseconds on Unix (the Go runtime's own
// housekeeping); one thread that spins uses all the time it gets, which
// is more than a tenth of a core unless the machine runs over ten
// threads for each of its cores. It returns both figures. Run no other
// test in parallel with it.
func Check(t testing.TB, what string, f func()) (wall, cpu time.Duration) {
	t.Helper()
	before := Used(t)
	start := time.Now()
	f()
	wall = time.Since(start)
	cpu = Used(t) - before
	if cpu > wall/fraction {
		t.Fatalf("%s took %v and used %v of CPU: something spins instead of waiting", what, wall, cpu)
	}
	t.Logf("%s took %v and used %v of CPU", what, wall, cpu)
	return wall, cpu
}
