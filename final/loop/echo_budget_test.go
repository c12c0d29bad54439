//step:file writing

package loop_test

import (
	"bytes"
	"io"
	"net"
	"os"
	"strconv"
	"testing"

	"github.com/nodeexperiment/gonode/final/loop"
)

// roundTrips is how many 64-byte messages TestEchoRoundTrips sends and
// reads back, one at a time; ECHO_ROUND_TRIPS overrides it (the strace
// measurement in the book uses 2,000).
func roundTrips() int {
	if n, err := strconv.Atoi(os.Getenv("ECHO_ROUND_TRIPS")); err == nil && n > 0 {
		return n
	}
	return 200
}

// echoRoundTrips runs an echo server on rt and one Go client that makes
// n round trips of 64 bytes, each waiting for its echo, then hangs up.
func echoRoundTrips(t *testing.T, rt *loop.Runtime, n int) {
	echoServer(t, rt, 1, func(addr string) {
		go func() {
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Error(err)
				return
			}
			defer conn.Close()
			msg := bytes.Repeat([]byte("e"), 64)
			got := make([]byte, len(msg))
			for i := range n {
				if _, err := conn.Write(msg); err != nil {
					t.Errorf("round trip %d: %v", i, err)
					return
				}
				if _, err := io.ReadFull(conn, got); err != nil {
					t.Errorf("round trip %d: %v", i, err)
					return
				}
			}
		}()
	})
}

// TestEchoKeepsItsInterest runs an echo loop and counts how often the
// loop told the OS what its sockets want: the interest stands, so at
// steady state a round trip costs no registration call at all, and the
// whole run only a handful (the listener and the connection are added,
// and deleted when they close). With one-shot registration it was two
// epoll_ctl calls per round trip, one of them failing. The book's strace
// figure is this test's, with ECHO_ROUND_TRIPS=2000.
func TestEchoKeepsItsInterest(t *testing.T) {
	rt, err := loop.New(loop.Config{})
	if err != nil {
		t.Fatal(err)
	}
	n := roundTrips()
	if err := rt.Run(func() { echoRoundTrips(t, rt, n) }); err != nil {
		t.Fatal(err)
	}
	if calls := loop.IOCalls(rt); calls > 8 {
		t.Fatalf("%d round trips made %d registration calls; want a handful, whatever the count", n, calls)
	}
}
