// Package echotest is the client side of the echo tests of final/minimio
// and final/loop: a plain net.Conn that sends messages and checks that
// each comes back unchanged.
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
// the first failure: a dial, write or read error, or an echo that differs
// from what was sent. The whole exchange must end within 30 seconds.
// Safe from any goroutine.
func RoundTrips(addr string, id, rounds int) error {
	c, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.SetDeadline(time.Now().Add(30 * time.Second)); err != nil {
		return err
	}
	buf := make([]byte, MessageSize)
	for i := range rounds {
		msg := fmt.Appendf(nil, "client %3d, round %4d: %-40s", id, i, "echo")
		if len(msg) != MessageSize {
			return fmt.Errorf("client %d: a message of %d bytes, not %d", id, len(msg), MessageSize)
		}
		if _, err := c.Write(msg); err != nil {
			return fmt.Errorf("client %d, round %d: %w", id, i, err)
		}
		if _, err := io.ReadFull(c, buf); err != nil {
			return fmt.Errorf("client %d, round %d: %w", id, i, err)
		}
		if !bytes.Equal(buf, msg) {
			return fmt.Errorf("client %d, round %d: echo %q, sent %q", id, i, buf, msg)
		}
	}
	return nil
}
