// Command shortwait measures how long an idle epoll wait asked for 300 µs
// really lasts, both ways the Linux kernel offers: epoll_wait, whose
// timeout is whole milliseconds (so 300 µs rounded up is 1 ms), and
// epoll_pwait2 (Linux 5.11 and later), whose timeout is a timespec. It
// is the measurement behind final/'s choice to round a sub-millisecond
// wait up to 1 ms (book/final-one-thread.md).
//
//	go run ./bench/cmd/shortwait            # 2,000 waits each way
//	go run ./bench/cmd/shortwait -n 500
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"slices"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

func main() {
	n := flag.Int("n", 2000, "waits of each kind")
	flag.Parse()
	if err := run(*n); err != nil {
		fmt.Fprintln(os.Stderr, "shortwait:", err)
		os.Exit(1)
	}
}

func run(n int) error {
	runtime.LockOSThread()
	ep, err := unix.EpollCreate1(unix.EPOLL_CLOEXEC)
	if err != nil {
		return os.NewSyscallError("epoll_create1", err)
	}
	defer unix.Close(ep)
	buf := make([]unix.EpollEvent, 8)
	whole := make([]time.Duration, 0, n)
	for range n {
		start := time.Now()
		if _, err := unix.EpollWait(ep, buf, 1); err != nil && err != unix.EINTR {
			return os.NewSyscallError("epoll_wait", err)
		}
		whole = append(whole, time.Since(start))
	}
	ts := unix.NsecToTimespec(int64(300 * time.Microsecond))
	exact := make([]time.Duration, 0, n)
	for range n {
		start := time.Now()
		// x/sys has the number but no wrapper for epoll_pwait2.
		_, _, e := unix.Syscall6(unix.SYS_EPOLL_PWAIT2, uintptr(ep), uintptr(unsafe.Pointer(&buf[0])),
			uintptr(len(buf)), uintptr(unsafe.Pointer(&ts)), 0, 0)
		if e != 0 && e != unix.EINTR {
			return os.NewSyscallError("epoll_pwait2", e)
		}
		exact = append(exact, time.Since(start))
	}
	report("epoll_wait, 1 ms", whole)
	report("epoll_pwait2, 300 µs", exact)
	return nil
}

// report prints the spread of d.
func report(name string, d []time.Duration) {
	slices.Sort(d)
	at := func(p int) time.Duration { return d[(len(d)-1)*p/100].Round(time.Microsecond) }
	fmt.Printf("%-22s n=%d  min %v  p50 %v  p90 %v  p99 %v\n", name, len(d), at(0), at(50), at(90), at(99))
}
