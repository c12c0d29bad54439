//step:file streams

package minimio

import (
	"errors"
	"io"
	"testing"
	"time"
)

// readNow reads s into buf, one Read after another, until Read returns an
// error (ErrWouldBlock, io.EOF or a failure), and returns what it read
// and that error.
func readNow(s *TcpStream, buf []byte) ([]byte, error) {
	var got []byte
	for {
		n, err := s.Read(buf)
		got = append(got, buf[:n]...)
		if err != nil {
			return got, err
		}
	}
}

// TestNonblockingReadRegistersAgain reads an answer that comes in two
// writes with a pause between them: after the first event, Read returns
// the first part and then ErrWouldBlock (it must not block waiting for
// the second); after registering again and a second event, the rest and
// then io.EOF.
func TestNonblockingReadRegistersAgain(t *testing.T) {
	s, c := connected(t)
	p, r := newPoll(t)
	buf := make([]byte, 3) // small, so that one event takes several reads
	c.Write([]byte("first part;"))
	if err := r.Register(s, 1, Readable); err != nil {
		t.Fatal(err)
	}
	nextEvents(t, p)
	got, err := readNow(s, buf)
	if string(got) != "first part;" || !errors.Is(err, ErrWouldBlock) {
		t.Fatalf("after the first event: read %q, %v; want %q, ErrWouldBlock", got, err, "first part;")
	}
	c.Write([]byte("second part"))
	c.Close()
	var rest string
	for !errors.Is(err, io.EOF) {
		if !errors.Is(err, ErrWouldBlock) {
			t.Fatalf("read %q, then %v", rest, err)
		}
		if err := r.Register(s, 2, Readable); err != nil {
			t.Fatal(err)
		}
		if tokens := nextEvents(t, p); tokens[0] != 2 {
			t.Fatalf("event for token %d, want 2", tokens[0])
		}
		var more []byte
		more, err = readNow(s, buf)
		rest += string(more)
	}
	if rest != "second part" {
		t.Fatalf("after registering again: read %q, want %q", rest, "second part")
	}
}

// TestNonblockingReadBeforeAnyData checks that a read with nothing there
// returns at once with ErrWouldBlock, in non-blocking mode, where a
// blocking Read would wait for the peer.
func TestNonblockingReadBeforeAnyData(t *testing.T) {
	s, _ := connected(t)
	done := make(chan error, 1)
	go func() {
		_, err := s.Read(make([]byte, 8))
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrWouldBlock) {
			t.Fatalf("Read with no data = %v, want ErrWouldBlock", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Read blocked in non-blocking mode")
	}
}
