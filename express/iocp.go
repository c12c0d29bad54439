//go:build windows

package main

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"unsafe"

	"golang.org/x/sys/windows"
)

// ANCHOR: types

// operation is one receive that the kernel finishes for us. The kernel
// hands back the address of the OVERLAPPED it was started with; since
// that is the first field, it is also the operation's address, and the
// id after it says which socket's receive has finished.
type operation struct {
	ov     windows.Overlapped
	id     int
	buf    [1024]byte     // lent to the kernel until the completion
	wsabuf windows.WSABuf // points at buf
	flags  uint32
}

// overlappedEntry is Windows' OVERLAPPED_ENTRY: one completion, as
// GetQueuedCompletionStatusEx hands it back.
type overlappedEntry struct {
	Key        uintptr
	Overlapped *windows.Overlapped
	Internal   uintptr
	Bytes      uint32
}

// x/sys/windows wraps only the one-at-a-time GetQueuedCompletionStatus.
var getQueuedCompletionStatusEx = windows.NewLazySystemDLL("kernel32.dll").NewProc("GetQueuedCompletionStatusEx")

// ANCHOR_END: types

// ANCHOR: run

// run sends the five requests and waits for their answers with an I/O
// completion port.
func run(addr string) error {
	ap, err := ipv4(addr)
	if err != nil {
		return err
	}
	var wsa windows.WSAData
	if err := windows.WSAStartup(0x0202, &wsa); err != nil {
		return os.NewSyscallError("WSAStartup", err)
	}
	port, err := windows.CreateIoCompletionPort(windows.InvalidHandle, 0, 0, 0)
	if err != nil {
		return os.NewSyscallError("CreateIoCompletionPort", err)
	}
	defer windows.CloseHandle(port)

	// The kernel writes into each operation after WSARecv has returned,
	// so Go must not move or free it before its completion: pin it.
	var pin runtime.Pinner
	defer pin.Unpin()
	for i, delay := range delays {
		id := i + 1
		// WSA_FLAG_OVERLAPPED lets the socket take overlapped receives;
		// connect and send on it still block until done.
		s, err := windows.WSASocket(windows.AF_INET, windows.SOCK_STREAM, windows.IPPROTO_TCP,
			nil, 0, windows.WSA_FLAG_OVERLAPPED)
		if err != nil {
			return os.NewSyscallError("WSASocket", err)
		}
		defer windows.Closesocket(s)
		sa := &windows.SockaddrInet4{Port: int(ap.Port()), Addr: ap.Addr().As4()}
		if err := windows.Connect(s, sa); err != nil {
			return os.NewSyscallError("connect", err)
		}
		req := request(addr, delay, id)
		var sent uint32
		wsabuf := windows.WSABuf{Len: uint32(len(req)), Buf: &req[0]}
		if err := windows.WSASend(s, &wsabuf, 1, &sent, 0, nil, nil); err != nil {
			return os.NewSyscallError("WSASend", err)
		}
		// The same call that made the port joins the socket to it.
		if _, err := windows.CreateIoCompletionPort(s, port, 0, 0); err != nil {
			return os.NewSyscallError("CreateIoCompletionPort", err)
		}
		// Start the receive: the kernel fills op.buf when data arrives
		// and then queues a completion on the port. ERROR_IO_PENDING
		// means "started"; nil means it finished at once, and its
		// completion is queued all the same.
		op := &operation{id: id}
		pin.Pin(op)
		op.wsabuf = windows.WSABuf{Len: uint32(len(op.buf)), Buf: &op.buf[0]}
		err = windows.WSARecv(s, &op.wsabuf, 1, nil, &op.flags, &op.ov, nil)
		if err != nil && !errors.Is(err, windows.ERROR_IO_PENDING) {
			return os.NewSyscallError("WSARecv", err)
		}
		print(fmt.Sprintf("Registering socket %d: the server answers after %d ms", id, delay))
	}

	entries := make([]overlappedEntry, 10)
	for handled := 0; handled < len(delays); {
		// The call returns a BOOL; the number of completions comes back
		// in n. (The original's first IOCP program took the BOOL for the
		// count.)
		var n uint32
		ok, _, err := getQueuedCompletionStatusEx.Call(uintptr(port),
			uintptr(unsafe.Pointer(&entries[0])), uintptr(len(entries)),
			uintptr(unsafe.Pointer(&n)), uintptr(windows.INFINITE), 0)
		if ok == 0 {
			return os.NewSyscallError("GetQueuedCompletionStatusEx", err)
		}
		for _, e := range entries[:n] {
			op := (*operation)(unsafe.Pointer(e.Overlapped))
			print(fmt.Sprintf("iocp event %d is ready", op.id))
			if op.ov.Internal != 0 { // the receive's NTSTATUS: it failed
				return os.NewSyscallError("WSARecv", windows.NTStatus(op.ov.Internal).Errno())
			}
			// The data is already in op.buf: no read call is needed.
			print(fmt.Sprintf("Socket %d answered: %s", op.id, statusLine(op.buf[:e.Bytes])))
			handled++
		}
	}
	return nil
}

// ANCHOR_END: run
