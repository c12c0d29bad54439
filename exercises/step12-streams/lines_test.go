//go:build exercises

package streams

import (
	"io"
	"net"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/steps/12-streams/console"
	"github.com/nodeexperiment/gonode/steps/12-streams/loop"
)

// TestMain silences the runtime's own trace lines.
func TestMain(m *testing.M) {
	console.SetOutput(io.Discard)
	os.Exit(m.Run())
}

// serve starts a server (Go's net, outside the runtime) that writes the
// pieces to the first connection, pausing between them so that each
// arrives in a read of its own, then closes; it returns its address.
func serve(t *testing.T, pieces []string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		for _, p := range pieces {
			if _, err := c.Write([]byte(p)); err != nil {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()
	return ln.Addr().String()
}

// readLines runs ReadLines on a connection to addr, on a runtime of its
// own, and returns the lines and the end it reported.
func readLines(t *testing.T, addr string) ([]string, []error) {
	t.Helper()
	rt, err := loop.New(loop.Config{})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	var ends []error
	done := make(chan error, 1)
	go func() {
		done <- rt.Run(func() {
			rt.Connect(addr, func(err error, c *loop.Conn) {
				if err != nil {
					t.Errorf("connect: %v", err)
					return
				}
				ReadLines(c, func(line string) { lines = append(lines, line) },
					func(err error) { ends = append(ends, err) })
			})
		})
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the runtime did not finish within 20 s: does ReadLines close the connection at its end?")
	}
	return lines, ends
}

// TestLinesAcrossReads sends lines cut at every kind of place: a line in
// three reads, two lines in one read, and a last line with no "\n".
func TestLinesAcrossReads(t *testing.T) {
	pieces := []string{"alpha\nbe", "t", "a\ngamma\ndel", "ta\nomega"}
	lines, ends := readLines(t, serve(t, pieces))
	want := []string{"alpha", "beta", "gamma", "delta", "omega"}
	if !slices.Equal(lines, want) {
		t.Errorf("exercise: not done yet: ReadLines (exercises/step12-streams/exercise_lines.go) "+
			"must cut the stream at each \"\\n\"; the server sent %q, ReadLines gave\n\t%q\nwant\n\t%q", pieces, lines, want)
	}
	if len(ends) != 1 || ends[0] != nil {
		t.Errorf("onEnd was called with %v; want once, with nil", ends)
	}
}

// TestLinesOutliveTheReadBuffer keeps a partial line across a read that
// is longer than it: a ReadLines that keeps a slice of the runtime's
// read buffer, rather than a copy, finds it overwritten by then.
func TestLinesOutliveTheReadBuffer(t *testing.T) {
	long := strings.Repeat("x", 3000)
	pieces := []string{"first half of a line, ", "second half\n" + long + "\n"}
	lines, _ := readLines(t, serve(t, pieces))
	want := []string{"first half of a line, second half", long}
	if !slices.Equal(lines, want) {
		t.Errorf("exercise: not done yet: ReadLines (exercises/step12-streams/exercise_lines.go) "+
			"must keep its own copy of a partial line: the read buffer is reused; got %d lines, %.60q…, want %.60q…",
			len(lines), lines, want)
	}
}
