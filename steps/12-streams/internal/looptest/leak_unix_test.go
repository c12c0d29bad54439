//go:build linux || darwin || dragonfly || freebsd || netbsd || openbsd

package looptest

import (
	"os"
	"testing"
)

// TestOpenFilesCountsADescriptor checks that openFiles sees one more
// descriptor while a file is open and one fewer once it is closed, which
// is what LeakCheck relies on to find a leaked socket or pipe.
func TestOpenFilesCountsADescriptor(t *testing.T) {
	before := openFiles(t)
	f, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	during := openFiles(t)
	f.Close()
	after := openFiles(t)
	if before <= 0 || during != before+1 || after != before {
		t.Fatalf("open files: %d before, %d with one more open, %d after closing it", before, during, after)
	}
}
