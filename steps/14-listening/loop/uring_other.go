//go:build !linux

package loop

import (
	"github.com/nodeexperiment/gonode/steps/14-listening/minimio"
	"github.com/nodeexperiment/gonode/steps/14-listening/uring"
)

// registerWake is never reached: only Linux has io_uring, and
// uring.New fails elsewhere.
func registerWake(*uring.Ring, *minimio.Waker) error { return uring.ErrUnavailable }
