//go:build !linux

package loop

//step:file uring

import (
	"github.com/nodeexperiment/gonode/final/minimio"
	"github.com/nodeexperiment/gonode/final/uring"
)

// registerWake is never reached: only Linux has io_uring, and
// uring.New fails elsewhere.
func registerWake(*uring.Ring, *minimio.Waker) error { return uring.ErrUnavailable }
