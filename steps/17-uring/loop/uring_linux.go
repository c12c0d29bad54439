//go:build linux

package loop

import (
	"github.com/nodeexperiment/gonode/steps/17-uring/minimio"
	"github.com/nodeexperiment/gonode/steps/17-uring/uring"
)

// registerWake has the ring signal the event queue's eventfd for every
// completion it posts.
func registerWake(r *uring.Ring, w *minimio.Waker) error { return r.RegisterEventfd(w.Fd()) }
