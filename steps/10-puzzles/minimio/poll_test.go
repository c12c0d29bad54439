package minimio

import (
	"errors"
	"testing"
	"time"
)

func TestTimeoutMillis(t *testing.T) {
	tests := []struct {
		in   time.Duration
		want int
	}{
		{-1, -1},
		{-time.Hour, -1},
		{0, 0},
		{1, 1},
		{300 * time.Microsecond, 1},
		{time.Millisecond, 1},
		{1500 * time.Microsecond, 2},
		{2 * time.Second, 2000},
		{1 << 62, 1<<31 - 1},
	}
	for _, tt := range tests {
		if got := timeoutMillis(tt.in); got != tt.want {
			t.Errorf("timeoutMillis(%v) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

// newPoll returns a queue that is closed when the test ends.
func newPoll(t *testing.T) (*Poll, *Registrator) {
	t.Helper()
	p, err := New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p, p.Registrator()
}

func TestCloseWakesABlockedPoll(t *testing.T) {
	p, r := newPoll(t)
	returned := make(chan error)
	go func() {
		events := NewEvents(4)
		returned <- p.Poll(&events, -1)
	}()
	time.Sleep(50 * time.Millisecond) // let it block; nothing depends on it
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-returned:
		if !errors.Is(err, ErrClosed) {
			t.Fatalf("Poll returned %v, want ErrClosed", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Poll(-1) still blocked 10 s after Close")
	}
	if err := r.Close(); !errors.Is(err, ErrClosed) {
		t.Errorf("second Close = %v, want ErrClosed", err)
	}
	events := NewEvents(4)
	if err := p.Poll(&events, 0); !errors.Is(err, ErrClosed) {
		t.Errorf("Poll after Close = %v, want ErrClosed", err)
	}
}

func TestTimeoutIsALowerBound(t *testing.T) {
	p, _ := newPoll(t)
	events := NewEvents(4)
	for _, d := range []time.Duration{50 * time.Millisecond, 300 * time.Microsecond} {
		start := time.Now()
		if err := p.Poll(&events, d); err != nil {
			t.Fatal(err)
		}
		if took := time.Since(start); took < d {
			t.Errorf("Poll(%v) returned after %v", d, took)
		}
		if len(events) != 0 {
			t.Errorf("Poll(%v) with nothing registered gave %d events", d, len(events))
		}
	}
}
