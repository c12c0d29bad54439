package loop

//step:file uring

import (
	"bytes"
	"errors"
	"fmt"
	iofs "io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/nodeexperiment/gonode/final/js"
	"github.com/nodeexperiment/gonode/final/uring"
)

// needRing skips a test of the io_uring backend where the system has
// none, saying why.
func needRing(t *testing.T) {
	t.Helper()
	r, err := uring.New(4, 1)
	if err != nil {
		t.Skipf("io_uring is not available here (%v)", err)
	}
	r.Close()
}

// TestRingReadsFilesOnTheLoopThread reads files through the ring with
// UV_USE_IO_URING=1, beside pool work and a timer: every read calls back
// once, error-first, with the contents, and no pool thread reads.
func TestRingReadsFilesOnTheLoopThread(t *testing.T) {
	needRing(t)
	t.Setenv(EnvUseIoUring, "1")
	dir := t.TempDir()
	var paths []string
	for i := range 200 {
		p := filepath.Join(dir, fmt.Sprint(i))
		if err := os.WriteFile(p, bytes.Repeat([]byte{'a' + byte(i%26)}, i*37), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	got := make([]string, len(paths))
	calls := make([]int, len(paths))
	var missing error
	used, pooled, timed := false, false, false
	runProgram(t, Config{}, func(rt *Runtime) {
		for i, p := range paths {
			used = rt.ReadFile(p, func(err error, data []byte) {
				calls[i]++
				if err != nil {
					t.Errorf("%s: %v", p, err)
				}
				got[i] = string(data)
			})
		}
		rt.ReadFile(filepath.Join(dir, "missing"), func(err error, data []byte) { missing = err })
		rt.QueueWork("beside", func() (js.Value, error) { return js.Undefined, nil }, func(error, js.Value) { pooled = true })
		rt.SetTimeout(1, func() { timed = true })
	})
	if !used {
		t.Fatal("ReadFile returned false with UV_USE_IO_URING=1 where io_uring works")
	}
	for i, p := range paths {
		if want, _ := os.ReadFile(p); calls[i] != 1 || got[i] != string(want) {
			t.Errorf("%s: %d calls, %d bytes; want 1 call, %d bytes", p, calls[i], len(got[i]), len(want))
		}
	}
	if !errors.Is(missing, iofs.ErrNotExist) {
		t.Errorf("missing file: %v; want an error that is fs.ErrNotExist", missing)
	}
	if !pooled || !timed {
		t.Errorf("pool work ran %v, timer fired %v; want both", pooled, timed)
	}
}

// TestRingOffByDefault checks that without UV_USE_IO_URING=1 ReadFile
// declines and the caller uses the pool.
func TestRingOffByDefault(t *testing.T) {
	t.Setenv(EnvUseIoUring, "")
	runProgram(t, Config{}, func(rt *Runtime) {
		if rt.ReadFile("x", func(error, []byte) {}) {
			t.Error("ReadFile took a read with UV_USE_IO_URING unset")
		}
	})
}

// TestRingRefusedFallsBack plays a system that refuses io_uring (as a
// seccomp filter does, with EPERM): the runtime says so in one line and
// ReadFile declines, so reads go to the pool.
func TestRingRefusedFallsBack(t *testing.T) {
	t.Setenv(EnvUseIoUring, "1")
	var notice strings.Builder
	oldNew, oldNotice := newRing, ringNotice
	defer func() { newRing, ringNotice = oldNew, oldNotice }()
	newRing = func() (*uring.Ring, error) {
		return nil, fmt.Errorf("%w: io_uring_setup: %w", uring.ErrUnavailable, syscall.EPERM)
	}
	ringNotice = &notice
	declined := false
	runProgram(t, Config{}, func(rt *Runtime) { declined = !rt.ReadFile("x", func(error, []byte) {}) })
	lines := strings.Split(strings.TrimSuffix(notice.String(), "\n"), "\n")
	if !declined || len(lines) != 1 || !strings.Contains(lines[0], "operation not permitted") || !strings.Contains(lines[0], "thread pool") {
		t.Fatalf("declined %v, notice %q; want a declined read and one line naming EPERM and the pool", declined, notice.String())
	}
}
