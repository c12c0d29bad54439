//go:build unix

package fs

import (
	"bytes"
	"errors"
	iofs "io/fs"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
)

// TestReadFileMatchesOS holds the four-call read to os.ReadFile: an
// empty file, a small one, one larger than the first guess, and, on
// Linux, a /proc file whose size fstat reports as 0.
func TestReadFileMatchesOS(t *testing.T) {
	dir := t.TempDir()
	paths := []string{}
	for i, size := range []int{0, 5, 4096, 100_000} {
		p := filepath.Join(dir, string(rune('a'+i)))
		if err := os.WriteFile(p, bytes.Repeat([]byte{'x' + byte(i)}, size), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	if runtime.GOOS == "linux" {
		paths = append(paths, "/proc/self/limits") // same for any reader of this process
	}
	for _, p := range paths {
		got, err := readFile(p)
		want, werr := os.ReadFile(p)
		if err != nil || werr != nil || !bytes.Equal(got, want) {
			t.Errorf("readFile(%s) = %d bytes, %v; os.ReadFile: %d bytes, %v", p, len(got), err, len(want), werr)
		}
	}
}

// TestReadFileErrorsNameTheCall checks that a failure is an
// *os.PathError naming the call that failed: open for a missing file,
// read for a directory.
func TestReadFileErrorsNameTheCall(t *testing.T) {
	_, err := readFile(filepath.Join(t.TempDir(), "missing"))
	var pe *os.PathError
	if !errors.As(err, &pe) || pe.Op != "open" || !errors.Is(err, iofs.ErrNotExist) {
		t.Errorf("missing file: %v; want an open *os.PathError that is fs.ErrNotExist", err)
	}
	_, err = readFile(t.TempDir())
	if !errors.As(err, &pe) || pe.Op != "read" || !errors.Is(err, syscall.EISDIR) {
		t.Errorf("directory: %v; want a read *os.PathError with EISDIR", err)
	}
}
