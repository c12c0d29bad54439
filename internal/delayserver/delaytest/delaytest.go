// Package delaytest starts a delay server (package delayserver) for one
// test: the helper the tests of final/ share, kept out of delayserver so
// that the server and its command do not import package testing.
package delaytest

import (
	"testing"

	"github.com/nodeexperiment/gonode/internal/delayserver"
)

// Start starts a delay server on a free port of 127.0.0.1, closed when
// the test ends, and returns its "ip:port". A server that cannot start
// fails the test. Call it from the test's goroutine.
func Start(t testing.TB) string {
	t.Helper()
	s, err := delayserver.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s.Addr()
}
