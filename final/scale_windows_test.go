//go:build windows

package main

import "testing"

// raiseFileLimit returns -1: Windows has no limit on open handles for the
// test to raise or report.
func raiseFileLimit(*testing.T) int { return -1 }

// signalStorm sends nothing: Windows has no signals (TestSignalStorm
// skips there).
func signalStorm(*testing.T) (stop func() int) { return func() int { return 0 } }
