//go:build linux

package minimio

//step:file uring

// Fd returns the eventfd that Wake signals and Poll drains. Another
// source of wake-ups may signal it too: an io_uring ring registered
// with it (IORING_REGISTER_EVENTFD) adds to its counter for each
// completion, and Poll then returns with Woken true, as for a Wake.
// Do not read it or close it: Poll and Close do.
func (w *Waker) Fd() int { return w.sel.wakefd }
