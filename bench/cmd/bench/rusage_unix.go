//go:build !darwin && !windows

package main

import (
	"os"
	"syscall"
)

// peakRSSKiB returns the peak resident set size of a process that has
// exited; Linux and the BSDs count ru_maxrss in KiB.
func peakRSSKiB(st *os.ProcessState) int64 {
	if ru, ok := st.SysUsage().(*syscall.Rusage); ok {
		return int64(ru.Maxrss)
	}
	return 0
}
