//go:build linux

package loop

//step:file uring

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestRingCompletionWakesTheWait reads a named pipe, whose open blocks
// until a writer comes: the kernel finishes it on a worker of its own,
// long after io_uring_enter returned, and only the eventfd the ring
// signals can end the loop's wait (nothing else is pending).
func TestRingCompletionWakesTheWait(t *testing.T) {
	needRing(t)
	t.Setenv(EnvUseIoUring, "1")
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	writer := make(chan error, 1)
	go func() {
		time.Sleep(50 * time.Millisecond) // the loop is waiting by now
		writer <- os.WriteFile(fifo, []byte("through the pipe"), 0o600)
	}()
	var got string
	var gotErr error
	runProgram(t, Config{}, func(rt *Runtime) {
		rt.ReadFile(fifo, func(err error, data []byte) { got, gotErr = string(data), err })
	})
	if err := <-writer; err != nil {
		t.Fatal(err)
	}
	if gotErr != nil || got != "through the pipe" {
		t.Fatalf("read %q, %v; want %q", got, gotErr, "through the pipe")
	}
}
