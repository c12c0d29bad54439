//go:build linux

package main

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// ANCHOR: run

// run sends the five requests and waits for their answers with epoll.
func run(addr string) error {
	epfd, err := unix.EpollCreate1(unix.EPOLL_CLOEXEC)
	if err != nil {
		return os.NewSyscallError("epoll_create1", err)
	}
	defer unix.Close(epfd)

	fds := make([]int, len(delays)+1) // socket id -> file descriptor
	for i, delay := range delays {
		id := i + 1
		fd, err := dial(addr, delay, id)
		if err != nil {
			return err
		}
		defer unix.Close(fd)
		fds[id] = fd
		// Ask for one event (EPOLLONESHOT) when the socket can be read
		// (EPOLLIN). The event's 64-bit data field is ours to fill: x/sys
		// names its first four bytes Fd, and we put the socket's id there.
		ev := unix.EpollEvent{Events: unix.EPOLLIN | unix.EPOLLONESHOT, Fd: int32(id)}
		if err := unix.EpollCtl(epfd, unix.EPOLL_CTL_ADD, fd, &ev); err != nil {
			return os.NewSyscallError("epoll_ctl", err)
		}
		print(fmt.Sprintf("Registering socket %d: the server answers after %d ms", id, delay))
	}

	events := make([]unix.EpollEvent, 10)
	buf := make([]byte, 1024)
	for handled := 0; handled < len(delays); {
		n, err := unix.EpollWait(epfd, events, -1) // -1: no timeout
		if err == unix.EINTR {
			continue // a signal interrupted the wait; wait again
		}
		if err != nil {
			return os.NewSyscallError("epoll_wait", err)
		}
		for _, ev := range events[:n] {
			id := int(ev.Fd)
			print(fmt.Sprintf("epoll event %d is ready", id))
			status, err := answer(fds[id], buf)
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
