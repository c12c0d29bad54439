//go:build !linux

// Command shortwait measures epoll's short waits; it runs on Linux only.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "shortwait: epoll_wait and epoll_pwait2 are Linux system calls; run it on Linux")
	os.Exit(1)
}
