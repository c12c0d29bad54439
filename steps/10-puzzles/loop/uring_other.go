//go:build !linux

package loop

import (
	"github.com/nodeexperiment/gonode/steps/10-puzzles/minimio"
	"github.com/nodeexperiment/gonode/steps/10-puzzles/uring"
)

// registerWake is never reached: only Linux has io_uring, and
// uring.New fails elsewhere.
func registerWake(*uring.Ring, *minimio.Waker) error { return uring.ErrUnavailable }
