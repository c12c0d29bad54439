package result

import (
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestLatenessIsMaxAndNearestRankP99(t *testing.T) {
	late := make([]time.Duration, 200)
	for i := range late {
		late[len(late)-1-i] = time.Duration(i+1) * time.Millisecond // 200 ms down to 1 ms
	}
	maxMs, p99 := Lateness(late)
	if maxMs != 200 || p99 != 198 {
		t.Errorf("Lateness(1..200 ms) = max %v, p99 %v; want 200, 198", maxMs, p99)
	}
	if maxMs, p99 := Lateness(nil); maxMs != 0 || p99 != 0 {
		t.Errorf("Lateness(nil) = %v, %v; want 0, 0", maxMs, p99)
	}
}

func TestTimerLatenessCountsFromWhenATimerCouldRun(t *testing.T) {
	ms := time.Millisecond
	deadline := []time.Duration{10 * ms, 50 * ms, 0}
	fired := []time.Duration{35 * ms, 53 * ms, 31 * ms}
	// Ready at 30 ms: the first timer was due at 10 but could run only
	// from 30 (5 ms late); the second is 3 ms late; the third, 1 ms.
	maxMs, _ := TimerLateness(deadline, fired, 30*ms)
	if maxMs != 5 {
		t.Errorf("max lateness %v ms, want 5", maxMs)
	}
	// A timer that fired before the program was ready (Go's AfterFunc
	// can) is not late at all, not early.
	if maxMs, _ := TimerLateness([]time.Duration{0}, []time.Duration{2 * ms}, 30*ms); maxMs != 0 {
		t.Errorf("lateness of a timer that fired early = %v ms, want 0", maxMs)
	}
}

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		in   []float64
		want float64
	}{{[]float64{3, 1, 2}, 2}, {[]float64{4, 1, 3, 2}, 2.5}, {[]float64{7}, 7}} {
		if got := Median(c.in); got != c.want {
			t.Errorf("Median(%v) = %v, want %v", c.in, got, c.want)
		}
	}
	if !math.IsNaN(Median(nil)) {
		t.Error("Median(nil) is not NaN")
	}
	xs := []float64{3, 1, 2}
	Median(xs)
	if xs[0] != 3 {
		t.Errorf("Median sorted its argument: %v", xs)
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 20000: "20,000", 1000000: "1,000,000"} {
		if got := Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestSameFilesFindsADifference checks the redraw tests' comparison:
// equal files pass, a changed or missing one is an error.
func TestSameFilesFindsADifference(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if err := os.WriteFile(filepath.Join(dir, "x.md"), []byte("same"), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	if err := SameFiles(a, b, "x.md"); err != nil {
		t.Errorf("equal files: %v", err)
	}
	if err := os.WriteFile(filepath.Join(b, "x.md"), []byte("other"), 0o666); err != nil {
		t.Fatal(err)
	}
	if err := SameFiles(a, b, "x.md"); err == nil {
		t.Error("a changed file passed")
	}
	if err := SameFiles(a, b, "missing.md"); err == nil {
		t.Error("a missing file passed")
	}
}
