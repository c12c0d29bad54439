package main

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/bench/internal/result"
)

// TestEveryProbeRunsQuick runs every probe at its tiny size, one round,
// as bench-smoke does: each must measure (no probe is missing on Linux,
// where CI runs) and give a positive, finite time per operation.
func TestEveryProbeRunsQuick(t *testing.T) {
	c, err := measure(probes(), true, 1, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Figures) != len(probes()) {
		t.Fatalf("%d figures for %d probes", len(c.Figures), len(probes()))
	}
	for _, f := range c.Figures {
		if f.Missing != "" {
			if runtime.GOOS != "windows" || f.Name != "read-eagain" {
				t.Errorf("%s: %s", f.Name, f.Missing)
			}
			continue
		}
		if len(f.NsPerOp) != 1 || !(f.NsPerOp[0] > 0) || math.IsInf(f.NsPerOp[0], 0) {
			t.Errorf("%s: %v ns per operation, want one positive figure", f.Name, f.NsPerOp)
		}
	}
}

func TestOnlyRunsTheNamedProbes(t *testing.T) {
	c, err := measure(probes(), true, 2, "tick,poll-0")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Figures) != 2 || c.Figures[0].Name != "poll-0" || c.Figures[1].Name != "tick" {
		t.Fatalf("-only tick,poll-0 measured %+v, want poll-0 then tick (the table's order)", c.Figures)
	}
	if len(c.Figures[1].NsPerOp) != 2 {
		t.Errorf("two rounds gave %d figures", len(c.Figures[1].NsPerOp))
	}
}

// TestAFailingProbeIsAnError: a probe whose operations do not do what
// it says gives no figure, and the run fails naming it.
func TestAFailingProbeIsAnError(t *testing.T) {
	broken := func(n int) (time.Duration, error) { return time.Second, errors.New("2 of 3 callbacks ran") }
	bad := probe{Name: "bad", Group: "tick", Quick: 3, measure: timed(broken, 1)}
	c, err := measure([]probe{bad}, true, 1, "")
	if err == nil || err.Error() != "bad: 2 of 3 callbacks ran" || len(c.Figures) != 0 {
		t.Fatalf("a failing probe: %v with figures %+v, want an error naming the probe and no figure", err, c.Figures)
	}
}

func TestUnits(t *testing.T) {
	for ns, want := range map[float64]string{41: "41 ns", 1250: "1.25 µs", 12_500: "12.5 µs", 1_500_000: "1.50 ms", math.NaN(): "–"} {
		if got := fmtNs(ns); got != want {
			t.Errorf("fmtNs(%v) = %q, want %q", ns, got, want)
		}
	}
}

func TestBenchFigures(t *testing.T) {
	out := []byte("goos: linux\nBenchmarkTimerLists/entries=1000-2   \t 1000\t  76.58 ns/op\n" +
		"BenchmarkTimerLists/entries=1000000-2 \t 1000\t 454.9 ns/op\nBenchmarkTimerLists/entries=1000 \t 1000\t 80 ns/op\nPASS\n")
	got, err := benchFigures(out, "BenchmarkTimerLists/entries=1000")
	if err != nil || len(got) != 2 || got[0] != 76.58 || got[1] != 80 {
		t.Fatalf("benchFigures = %v, %v; want [76.58 80] (the 1,000,000 line is another benchmark)", got, err)
	}
}

// fakeCosts is a run with three rounds and a probe missing.
func fakeCosts() Costs {
	return Costs{Environment: "a test", Rounds: 3, Figures: []Figure{
		{Name: "poll-0", Group: "system call", What: "a wait", N: 10, NsPerOp: []float64{500, 400, 450}},
		{Name: "read-eagain", Group: "system call", What: "a read", N: 10, Missing: "not on plan9"},
		{Name: "tick", Group: "tick", What: "a tick", N: 10, NsPerOp: []float64{1500, 1200, 9000}},
	}}
}

func TestTable(t *testing.T) {
	md := markdown(fakeCosts())
	for _, want := range []string{
		"| **system call** | `poll-0` | a wait | 450 ns | 400 ns – 500 ns |",
		"|  | `read-eagain` | a read | not on plan9 | |",
		"| **tick** | `tick` | a tick | 1.50 µs | 1.20 µs – 9.00 µs |",
		"3 rounds of each probe",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the table lacks %q:\n%s", want, md)
		}
	}
}

// TestRedrawMatchesTheRun writes a run's figures, redraws the table from
// the costs.json it wrote, and checks that both files come out the same.
func TestRedrawMatchesTheRun(t *testing.T) {
	first, second := t.TempDir(), t.TempDir()
	if err := write(fakeCosts(), first); err != nil {
		t.Fatal(err)
	}
	if err := redraw(filepath.Join(first, "costs.json"), second); err != nil {
		t.Fatal(err)
	}
	if err := result.SameFiles(first, second, "costs.md", "costs.json"); err != nil {
		t.Error(err)
	}
}

// TestCheckedInTableMatchesItsFigures: bench/costs.md, which the book
// includes, is what -report draws from bench/costs.json, so that neither
// is edited by hand nor left behind by a change to the other.
func TestCheckedInTableMatchesItsFigures(t *testing.T) {
	dir := filepath.Join("..", "..")
	out := t.TempDir()
	if err := redraw(filepath.Join(dir, "costs.json"), out); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join(out, "costs.md"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "costs.md"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("bench/costs.md is not what `go run ./bench/cmd/costs -report bench/costs.json` draws; run it (or make bench-costs). Got:\n%s\nwant:\n%s", got, want)
	}
}

func TestRedrawRejectsABrokenFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "costs.json")
	os.WriteFile(path, []byte("{not json"), 0o644)
	if err := redraw(path, t.TempDir()); err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("redraw of a broken file: %v, want an error naming it", err)
	}
}
