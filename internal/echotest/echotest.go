// Package echotest is the client side of every echo server in the
// repository: the tests of final/minimio and final/loop, and the load
// client of the benchmark's echo workload (bench/cmd/bench). It is a
// plain net.Conn that sends messages and checks that each comes back
// unchanged.
package echotest

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"time"
)

// MessageSize is the size of each message RoundTrips sends.
const MessageSize = 64

// RoundTrips connects to addr and does rounds round trips of a
// MessageSize-byte message that names the client (id) and the round,
// each one written whole and read back whole before the next. It returns
// how many round trips completed, and the first failure: a dial, write or
// read error, or an echo that differs from what was sent. Every read and
// write must be done by deadline. Safe from any goroutine.
func RoundTrips(addr string, id, rounds int, deadline time.Time) (done int, err error) {
	c, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		return 0, err
	}
	defer c.Close()
	if err := c.SetDeadline(deadline); err != nil {
		return 0, err
	}
	buf := make([]byte, MessageSize)
	for i := range rounds {
		msg := fmt.Appendf(nil, "client %3d, round %4d: %-40s", id, i, "echo")
		if len(msg) != MessageSize {
			return i, fmt.Errorf("client %d: a message of %d bytes, not %d", id, len(msg), MessageSize)
		}
		if _, err := c.Write(msg); err != nil {
			return i, fmt.Errorf("client %d, round %d: %w", id, i, err)
		}
		if _, err := io.ReadFull(c, buf); err != nil {
			return i, fmt.Errorf("client %d, round %d: %w", id, i, err)
		}
		if !bytes.Equal(buf, msg) {
			return i, fmt.Errorf("client %d, round %d: echo %q, sent %q", id, i, buf, msg)
		}
	}
	return rounds, nil
}

// Check is RoundTrips for a test: the round trips must all be done within
// 30 seconds, and only the failure matters. Safe from any goroutine.
func Check(addr string, id, rounds int) error {
	_, err := RoundTrips(addr, id, rounds, time.Now().Add(30*time.Second))
	return err
}
