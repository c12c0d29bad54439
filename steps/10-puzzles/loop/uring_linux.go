//go:build linux

package loop

import (
	"github.com/nodeexperiment/gonode/steps/10-puzzles/minimio"
	"github.com/nodeexperiment/gonode/steps/10-puzzles/uring"
)

// registerWake has the ring signal the event queue's eventfd for every
// completion it posts.
func registerWake(r *uring.Ring, w *minimio.Waker) error { return r.RegisterEventfd(w.Fd()) }
