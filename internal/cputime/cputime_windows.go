//go:build windows

package cputime

import (
	"os"
	"time"

	"golang.org/x/sys/windows"
)

// fraction is the share of the wall time (one part in fraction) that
// Check lets a waiting program use in CPU. It is a quarter here:
// GetProcessTimes counts in clock ticks of about 15.6 ms, and under Wine
// the process also runs Wine's own threads; a waiting program measured
// 20 to 30 ms in 300 to 430 ms there.
const fraction = 4

// used asks GetProcessTimes for the process's kernel and user time,
// counted in 100 ns units.
func used() (time.Duration, error) {
	var creation, exit, kernel, user windows.Filetime
	if err := windows.GetProcessTimes(windows.CurrentProcess(), &creation, &exit, &kernel, &user); err != nil {
		return 0, os.NewSyscallError("GetProcessTimes", err)
	}
	ticks := func(f windows.Filetime) int64 { return int64(f.HighDateTime)<<32 | int64(f.LowDateTime) }
	return time.Duration((ticks(kernel) + ticks(user)) * 100), nil
}
