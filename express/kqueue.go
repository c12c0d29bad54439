//go:build darwin || dragonfly || freebsd || netbsd || openbsd

package main

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// ANCHOR: run

// run sends the five requests and waits for their answers with kqueue.
func run(addr string) error {
	kq, err := unix.Kqueue()
	if err != nil {
		return os.NewSyscallError("kqueue", err)
	}
	defer unix.Close(kq)

	ids := make(map[int]int) // file descriptor -> socket id
	for i, delay := range delays {
		id := i + 1
		fd, err := dial(addr, delay, id)
		if err != nil {
			return err
		}
		defer unix.Close(fd)
		ids[fd] = id
		// One change: add (EV_ADD) a read filter on fd that fires once
		// (EV_ONESHOT). With a change list and no event list, kevent only
		// registers. The event will name fd in its ident field, which is
		// how we find the socket: the udata field could carry the id, but
		// its Go type is a *byte on most BSDs and an int64 on NetBSD.
		var change unix.Kevent_t
		unix.SetKevent(&change, fd, unix.EVFILT_READ, unix.EV_ADD|unix.EV_ENABLE|unix.EV_ONESHOT)
		if _, err := unix.Kevent(kq, []unix.Kevent_t{change}, nil, nil); err != nil {
			return os.NewSyscallError("kevent", err)
		}
		print(fmt.Sprintf("Registering socket %d: the server answers after %d ms", id, delay))
	}

	events := make([]unix.Kevent_t, 10)
	buf := make([]byte, 1024)
	for handled := 0; handled < len(delays); {
		// No changes, an event list, a nil timeout: wait for events.
		n, err := unix.Kevent(kq, nil, events, nil)
		if err == unix.EINTR {
			continue // a signal interrupted the wait; wait again
		}
		if err != nil {
			return os.NewSyscallError("kevent", err)
		}
		for _, ev := range events[:n] {
			fd := int(ev.Ident)
			id := ids[fd]
			print(fmt.Sprintf("kqueue event %d is ready", id))
			status, err := answer(fd, buf)
			if err != nil {
				return err
			}
			print(fmt.Sprintf("Socket %d answered: %s", id, status))
			handled++
		}
	}
	return nil
}

// ANCHOR_END: run
