package loop

import (
	"os"
	"runtime"
	"sync"
)

// ANCHOR: procs

// The loop thread spends most of its life in one system call, the poll
// phase's wait, and Go's scheduler counts a goroutine in a system call
// as running: it keeps its P (the right to run Go code, GOMAXPROCS of
// them) until the runtime's monitor takes the P back, which it does
// lazily. So with the default GOMAXPROCS, one per core, a loop asleep in
// epoll_wait can leave the pool's threads one core short. Each runtime
// therefore adds one P for its loop thread, from the first work it gives
// its pool to its shutdown, unless the GOMAXPROCS environment variable
// is set: a user who chose a number keeps it. A run that never uses the
// pool has no thread to make room for, and an idle P would only let Go's
// scheduler spin.
var procs struct {
	mu    sync.Mutex
	loops int // runtimes that have added their P and not yet dropped it
	base  int // GOMAXPROCS before the first of them added its P
}

// askProc adds the loop thread's P, once a run, when the pool is first
// given work.
func (rt *Runtime) askProc() {
	if !rt.askedP {
		rt.askedP = true
		rt.addedP = addProc()
	}
}

// addProc adds one P for a loop thread whose pool has work, and says
// whether it did. Safe from any goroutine.
func addProc() bool {
	if os.Getenv("GOMAXPROCS") != "" {
		return false
	}
	procs.mu.Lock()
	defer procs.mu.Unlock()
	if procs.loops == 0 {
		procs.base = runtime.GOMAXPROCS(0)
	}
	procs.loops++
	runtime.GOMAXPROCS(procs.base + procs.loops)
	return true
}

// dropProc gives back a P that addProc added. If GOMAXPROCS was changed
// meanwhile by someone else, it is left as they set it. Safe from any
// goroutine.
func dropProc() {
	procs.mu.Lock()
	defer procs.mu.Unlock()
	if runtime.GOMAXPROCS(0) == procs.base+procs.loops {
		runtime.GOMAXPROCS(procs.base + procs.loops - 1)
	}
	procs.loops--
}

// ANCHOR_END: procs
