package main

import (
	"encoding/xml"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nodeexperiment/gonode/bench/internal/result"
)

// fakeRuns is two measured rounds and a warm-up that must be ignored;
// ours has no echo run, to test a missing measurement.
func fakeRuns() ([]workload, []run) {
	ws := []workload{{Name: "timers", N: 10}, {Name: "echo", N: 5, Conns: 2}}
	mk := func(w, c string, round int, ms float64) run {
		return run{Workload: w, Contender: c, Round: round, CPUMs: ms, MaxRSSKiB: 2048,
			Result: result.Result{ElapsedMs: ms, Ops: 10, LateP99Ms: 1, LateMaxMs: 2}}
	}
	return ws, []run{
		mk("timers", Ours, 0, 1000), mk("timers", Node, 0, 1000), mk("timers", Go, 0, 1000),
		mk("timers", Ours, 1, 10), mk("timers", Node, 1, 20), mk("timers", Go, 1, 5),
		mk("timers", Ours, 2, 30), mk("timers", Node, 2, 40), mk("timers", Go, 2, 15),
		mk("echo", Node, 1, 100), mk("echo", Go, 1, 50),
	}
}

func TestSummaryTakesMediansOfMeasuredRunsAndRatios(t *testing.T) {
	ws, runs := fakeRuns()
	rows := summarize(ws, []string{Ours, Node, Go}, runs)
	if got := rows["timers"][Ours].ElapsedMs; got != 20 {
		t.Errorf("ours' median = %v, want 20 (the warm-up must not count)", got)
	}
	if got := ratio(rows["timers"], Node); got != 20.0/30 {
		t.Errorf("ours/Node = %v, want %v", got, 20.0/30)
	}
	if got := ratio(rows["timers"], Go); got != 2 {
		t.Errorf("ours/Go = %v, want 2", got)
	}
	if got := rows["echo"][Go].PerSec; got != 10/0.05 {
		t.Errorf("echo throughput = %v, want %v (round trips of every connection)", got, 10/0.05)
	}
	if rows["echo"][Ours].Missing == "" || !math.IsNaN(ratio(rows["echo"], Node)) {
		t.Error("ours has no echo run here, yet the summary has a measurement for it")
	}
}

func TestTableAndChart(t *testing.T) {
	ws, runs := fakeRuns()
	rows := summarize(ws, []string{Ours, Node, Go}, runs)
	md := markdown("smoke", "env", ws, rows)
	for _, want := range []string{"| ours | 20 ms |", "| 0.67 | 2.00 |", "| ours | not run |", "1.0 / 2.0 ms"} {
		if !strings.Contains(md, want) {
			t.Errorf("the table lacks %q:\n%s", want, md)
		}
	}
	svg := chart(ws, rows)
	d := xml.NewDecoder(strings.NewReader(svg))
	bars := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the chart is not well-formed XML: %v\n%s", err, svg)
		}
		if s, ok := tok.(xml.StartElement); ok && s.Name.Local == "rect" {
			bars++
		}
	}
	// The background, two legend keys and one bar per measured ratio:
	// timers has both ratios, echo has none.
	if bars != 3+2 {
		t.Errorf("the chart has %d rects, want 5:\n%s", bars, svg)
	}
}

func TestTableWithoutNode(t *testing.T) {
	ws, runs := fakeRuns()
	rows := summarize(ws, []string{Ours, Go}, runs) // node's runs are there, but node is said absent
	md := markdown("smoke", "env", ws, rows)
	for _, want := range []string{"| node | not run: `node` is not on PATH |", "| – | 2.00 |"} {
		if !strings.Contains(md, want) {
			t.Errorf("the table lacks %q:\n%s", want, md)
		}
	}
	if got := strings.Count(chart(ws, rows), "not measured"); got != 3 {
		t.Errorf("the chart says \"not measured\" %d times, want 3 (Node twice, ours' echo once more)", got)
	}
}

// TestRedrawMatchesTheRun writes the results of fake runs as a run would,
// then redraws them from the results.json it wrote, and checks that the
// table and the chart come out the same, with the contenders taken from
// the runs (here without Node, which the table must say).
func TestRedrawMatchesTheRun(t *testing.T) {
	ws, runs := fakeRuns()
	runs = slices.DeleteFunc(runs, func(r run) bool { return r.Contender == Node })
	res := results{Size: "smoke", Environment: "a test", Workloads: ws, Runs: runs}
	first, second := t.TempDir(), t.TempDir()
	if err := write(res, []string{Ours, Go}, first, filepath.Join(first, "bench.svg")); err != nil {
		t.Fatal(err)
	}
	if err := redraw(filepath.Join(first, "results.json"), second, filepath.Join(second, "bench.svg")); err != nil {
		t.Fatal(err)
	}
	if err := result.SameFiles(first, second, "results.md", "bench.svg", "results.json"); err != nil {
		t.Error(err)
	}
	if md, _ := os.ReadFile(filepath.Join(second, "results.md")); !strings.Contains(string(md), "| node | not run: `node` is not on PATH |") {
		t.Errorf("a redraw without Node runs does not say Node was not run:\n%s", md)
	}
}

func TestRedrawRejectsABrokenFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "results.json")
	os.WriteFile(path, []byte("{not json"), 0o644)
	if err := redraw(path, t.TempDir(), ""); err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("redraw of a broken file: %v, want an error naming it", err)
	}
}
