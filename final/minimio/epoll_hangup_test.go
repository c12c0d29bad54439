//go:build linux

//step:file streams

package minimio

import (
	"net"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestEpollHangUpIsReadableAndWritable checks the contract of
// Event.IsReadable: on epoll an error or a hang-up is news for a reader
// and a writer alike, whichever interest was registered. First for each
// flag epoll can report, then for a real reset connection registered for
// Readable only, whose event must say Writable too.
func TestEpollHangUpIsReadableAndWritable(t *testing.T) {
	for _, c := range []struct {
		name  string
		flags uint32
	}{{"EPOLLHUP", unix.EPOLLHUP}, {"EPOLLERR", unix.EPOLLERR}, {"EPOLLERR|EPOLLHUP", unix.EPOLLERR | unix.EPOLLHUP}} {
		if k := epollKind(c.flags); !k.IsReadable() || !k.IsWritable() {
			t.Errorf("epollKind(%s): readable %v, writable %v; want both", c.name, k.IsReadable(), k.IsWritable())
		}
	}
	if k := epollKind(unix.EPOLLIN); k.IsWritable() {
		t.Error("epollKind(EPOLLIN) says writable")
	}
	if k := epollKind(unix.EPOLLOUT); k.IsReadable() {
		t.Error("epollKind(EPOLLOUT) says readable")
	}

	s, c := connected(t)
	p, r := newPoll(t)
	if err := r.Register(s, 5, Readable); err != nil {
		t.Fatal(err)
	}
	c.(*net.TCPConn).SetLinger(0) // Close sends RST: EPOLLIN|EPOLLERR|EPOLLHUP
	c.Close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ev := waitFor(t, p, 5)
		if ev.IsReadable() && ev.IsWritable() {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the event of a reset connection: readable %v, writable %v; want both", ev.IsReadable(), ev.IsWritable())
		}
		if err := r.Register(s, 5, Readable); err != nil { // spurious event: arm again
			t.Fatal(err)
		}
	}
}
