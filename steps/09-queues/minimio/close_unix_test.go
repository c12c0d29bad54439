//go:build unix

package minimio

import (
	"errors"
	"os"
	"testing"

	"golang.org/x/sys/unix"
)

// TestPollCloseTwiceClosesNothingElse closes a queue, opens files that
// take the numbers its descriptors had (a new descriptor gets the lowest
// free number), and closes the queue again: the second Close returns
// ErrClosed, and every file is still open.
func TestPollCloseTwiceClosesNothingElse(t *testing.T) {
	p, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	var files []*os.File
	for range 8 {
		f, err := os.Open(os.DevNull)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		files = append(files, f)
	}
	if err := p.Close(); !errors.Is(err, ErrClosed) {
		t.Errorf("the second Close returned %v, want ErrClosed", err)
	}
	for _, f := range files {
		var st unix.Stat_t
		if err := unix.Fstat(int(f.Fd()), &st); err != nil {
			t.Errorf("descriptor %d, opened after the first Close: %v (the second Close closed it)", f.Fd(), err)
		}
	}
}
