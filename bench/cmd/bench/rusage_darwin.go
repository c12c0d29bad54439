package main

import (
	"os"
	"syscall"
)

// peakRSSKiB returns the peak resident set size of a process that has
// exited; macOS counts ru_maxrss in bytes.
func peakRSSKiB(st *os.ProcessState) int64 {
	if ru, ok := st.SysUsage().(*syscall.Rusage); ok {
		return int64(ru.Maxrss) / 1024
	}
	return 0
}
