//go:build !linux && !windows && !darwin && !dragonfly && !freebsd && !netbsd && !openbsd

package main

import (
	"fmt"
	"runtime"
)

// run reports that this OS has none of the three event queues.
func run(string) error {
	return fmt.Errorf("no epoll, kqueue or IOCP on %s", runtime.GOOS)
}
