//go:build linux

package loop

//step:file uring

import (
	"github.com/nodeexperiment/gonode/final/minimio"
	"github.com/nodeexperiment/gonode/final/uring"
)

// registerWake has the ring signal the event queue's eventfd for every
// completion it posts.
func registerWake(r *uring.Ring, w *minimio.Waker) error { return r.RegisterEventfd(w.Fd()) }
