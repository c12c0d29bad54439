// Command express is the event queue with nothing around it: five
// requests to the delay server, and the OS's own event queue called
// directly to learn which answer has arrived. There is one program per
// mechanism, picked by the OS it is built for: epoll.go on Linux,
// kqueue.go on macOS and the BSDs, iocp.go on Windows. This file holds
// what the three share and is no part of any event queue: the delays, the
// request, and the trace format.
//
//	go run ./express
//
// It starts the local delay server in-process; set DELAY_SERVER=ip:port to
// use one that runs elsewhere.
package main

import (
	"fmt"
	"net/netip"
	"os"
	"runtime"
	"strings"

	"github.com/nodeexperiment/gonode/internal/delayserver"
)

// ANCHOR: shared

// init pins the main goroutine to the process's first thread, so that
// "main" in the trace is one thread. It is the only thread this program
// needs: it sends, waits and reads.
func init() { runtime.LockOSThread() }

// delays are the server's answer times for sockets 1 to 5, 200 ms apart
// (as in chapter 01): socket 5 is answered first and socket 1 last.
var delays = []int{800, 600, 400, 200, 0}

func main() {
	addr, stop, err := delayserver.FromEnv()
	if err == nil {
		err = run(addr)
		stop()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "express:", err)
		os.Exit(1)
	}
	print("FINISHED")
}

// request is the HTTP request for socket id, which the server at addr
// answers after delay milliseconds.
func request(addr string, delay, id int) []byte {
	return fmt.Appendf(nil, "GET /delay/%d/url/http://example.com/%d HTTP/1.1\r\n"+
		"Host: %s\r\nConnection: close\r\n\r\n", delay, id, addr)
}

// ipv4 parses addr, an "ip:port" such as 127.0.0.1:8080. The programs take
// IPv4 only, to keep the socket calls short.
func ipv4(addr string) (netip.AddrPort, error) {
	ap, err := netip.ParseAddrPort(addr)
	if err == nil && !ap.Addr().Is4() {
		err = fmt.Errorf("%s is not an IPv4 address", addr)
	}
	return ap, err
}

// statusLine returns the first line of an answer. The server writes its
// whole answer at once, so the first read of a ready socket holds it.
func statusLine(answer []byte) string {
	status, _, _ := strings.Cut(string(answer), "\r\n")
	return status
}

// print writes one trace line in the book's format.
func print(msg string) { fmt.Printf("Thread: main\t %s\n", msg) }

// ANCHOR_END: shared
