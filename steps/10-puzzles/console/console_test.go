package console

import (
	"io"
	"strings"
	"sync"
	"testing"
)

func capture(t *testing.T, f func()) string {
	t.Helper()
	var b strings.Builder
	saved := SetOutput(&b)
	defer SetOutput(saved)
	f()
	return b.String()
}

func TestPrintFormat(t *testing.T) {
	got := capture(t, func() { Print("pool2", "hello"); Log("world") })
	want := "Thread: pool2\t hello\nThread: main\t world\n"
	if got != want {
		t.Fatalf("printed %q, want %q", got, want)
	}
}

// formatCounter counts how often fmt formats it.
type formatCounter struct{ n *int }

func (c formatCounter) String() string { *c.n++; return "x" }

// TestPrintfFormatsOnlyWhatIsKept checks that Printf formats like
// fmt.Sprintf, and does not format at all while the output is io.Discard.
func TestPrintfFormatsOnlyWhatIsKept(t *testing.T) {
	formatted := 0
	arg := formatCounter{&formatted}
	if got := capture(t, func() { Printf("main", "tick %d of %v", 7, arg) }); got != "Thread: main\t tick 7 of x\n" {
		t.Fatalf("Printf printed %q", got)
	}
	saved := SetOutput(io.Discard)
	defer SetOutput(saved)
	formatted = 0
	Printf("main", "%v", arg)
	Print("main", "nothing")
	if formatted != 0 {
		t.Fatalf("a discarded line was formatted %d times", formatted)
	}
}

// TestPrintdPrintsAndAllocatesNothingWhenSilent checks that Printd
// prints as Printf does, and that a discarded line costs no allocation:
// the number is not boxed on the way.
func TestPrintdPrintsAndAllocatesNothingWhenSilent(t *testing.T) {
	if got := capture(t, func() { Printd("main", "tick %d", 4096) }); got != "Thread: main\t tick 4096\n" {
		t.Fatalf("Printd printed %q", got)
	}
	saved := SetOutput(io.Discard)
	defer SetOutput(saved)
	n := 1 << 20
	if a := testing.AllocsPerRun(100, func() { n++; Printd("main", "tick %d", n) }); a != 0 {
		t.Errorf("a discarded Printd allocated %v times a call", a)
	}
}

func TestContentFormat(t *testing.T) {
	got := capture(t, func() {
		Content("HTTP/1.1 302 Found\r\nServer: Cowboy\r\nDate: x\r\nLocation: http://a/b\r\n\r\nbody", "web call")
	})
	want := "\n===== THREAD main START CONTENT - WEB CALL =====\n" +
		"HTTP/1.1 302 Found\nServer: Cowboy\nLocation: http://a/b\n" +
		"... [Note: Abbreviated for display] ...\n===== END CONTENT =====\n\n"
	if got != want {
		t.Fatalf("Content printed\n%q\nwant\n%q", got, want)
	}
}

// TestLinesStayWhole prints from many goroutines at once and checks that
// every line comes out in one piece.
func TestLinesStayWhole(t *testing.T) {
	got := capture(t, func() {
		var wg sync.WaitGroup
		for range 20 {
			wg.Go(func() {
				for range 50 {
					Print("poolX", strings.Repeat("x", 100))
				}
			})
		}
		wg.Wait()
	})
	want := "Thread: poolX\t " + strings.Repeat("x", 100)
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	if len(lines) != 1000 {
		t.Fatalf("got %d lines, want 1000", len(lines))
	}
	for i, l := range lines {
		if l != want {
			t.Fatalf("line %d is %q", i+1, l)
		}
	}
}
