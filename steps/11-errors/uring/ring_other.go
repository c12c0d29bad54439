//go:build !linux

package uring

import "time"

// Ring is a stand-in on systems without io_uring: New never returns one.
type Ring struct{}

// New always fails here: only Linux has io_uring.
func New(entries, slots int) (*Ring, error) { return nil, ErrUnavailable }

// Fd returns -1: there is no ring.
func (r *Ring) Fd() int { return -1 }

// ReadFile is never called: New returns no ring.
func (r *Ring) ReadFile(path string, id int) {}

// Submit is never called: New returns no ring.
func (r *Ring) Submit(wait bool, timeout time.Duration) error { return ErrUnavailable }

// Queued returns 0: there is no ring.
func (r *Ring) Queued() int { return 0 }

// Ready reports false: there is no ring.
func (r *Ring) Ready() bool { return false }

// Reap is never called: New returns no ring.
func (r *Ring) Reap(f func(Done)) int { return 0 }

// InFlight returns 0: there is no ring.
func (r *Ring) InFlight() int { return 0 }

// RegisterEventfd is never called: New returns no ring.
func (r *Ring) RegisterEventfd(fd int) error { return ErrUnavailable }

// Close does nothing: there is no ring.
func (r *Ring) Close() error { return nil }
