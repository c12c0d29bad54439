//go:build windows

package looptest

import "testing"

// openFiles returns -1: Windows has handles, not a table of small
// descriptor numbers to probe, and LeakCheck then checks goroutines only.
func openFiles(*testing.T) int { return -1 }
