//go:build !linux

package main

import "testing"

// raiseFileLimit raises the soft limit on open files to the hard limit
// where the test knows how (Linux only); -1 means it does not know the
// limit.
func raiseFileLimit(*testing.T) int { return -1 }

// signalStorm sends no signals besides the profiler's on this OS.
func signalStorm(*testing.T) (stop func() int) { return func() int { return 0 } }
