// Package uring reads whole files through a Linux io_uring ring, driven
// by one thread: the loop thread queues a read, submits, and later reaps
// the completion, with no pool thread in between.
//
// A ring is two queues in memory that the process and the kernel share:
// the process writes submission queue entries (SQEs) and moves the
// submission queue's tail; the kernel takes them, does the work, and
// writes completion queue entries (CQEs), moving the completion queue's
// tail. One system call, io_uring_enter, hands the kernel every entry
// written since the last one; reaping completions needs no system call
// at all.
//
// A file read is three linked entries: an open into a fixed-file slot
// (a descriptor that lives in the ring's table, not the process's), a
// read from that slot, and a close of it. The kernel runs them in order,
// and when the open fails the read and the close are cancelled.
//
// Only Linux has io_uring, and a kernel or a sandbox may refuse it
// (ENOSYS on kernels before 5.1, EPERM under a seccomp filter or with
// the sysctl kernel.io_uring_disabled set): New returns an error that
// wraps ErrUnavailable, and the caller uses its thread pool instead. On
// other systems New always returns such an error.
package uring

import "errors"

// ErrUnavailable is wrapped by the error New returns when the system
// has no io_uring or refuses to set one up.
var ErrUnavailable = errors.New("uring: io_uring is not available")

// Done is what Reap hands back for each finished read: the id given to
// ReadFile, and the file's contents or the error that ended the read
// (an *os.PathError naming the call that failed: open, read or close).
// Data is only valid until the function given to Reap returns.
type Done struct {
	ID   int
	Data []byte
	Err  error
}
