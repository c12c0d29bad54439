// Command costs is the harness behind `make bench-costs`: small probes,
// each timing one thing an event loop does over and over — a system call,
// a wake-up across threads, a hand-off to the pool, a timer-heap
// operation, one tick — so that the rows of the benchmark table
// (bench/results.md) can be read as sums of these costs:
//
//	go run ./bench/cmd/costs                        # every probe, 5 rounds (about half a minute)
//	go run ./bench/cmd/costs -quick -out ""         # tiny sizes, one round, writes nothing (CI)
//	go run ./bench/cmd/costs -report bench/costs.json   # redraw bench/costs.md, run nothing
//
// Each probe runs many operations in a round and divides the round's time
// by their number; the table gives the median of the rounds and their
// spread. The probes use real OS threads (runtime.LockOSThread wherever a
// thread matters), real system calls and final/'s public API; the timer
// heap, which final/loop does not export, is timed by its Go benchmark,
// BenchmarkTimerLists, run with `go test`.
//
// It writes the table to bench/costs.md, which the book includes, and the
// raw figures to bench/costs.json.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/nodeexperiment/gonode/bench/internal/result"
)

// A probe is one row of the table.
type probe struct {
	Name  string // the table's name for it
	Group string // what kind of cost: system call, wake-up, pool, timer, tick
	What  string // what one operation is, for the table; {n} stands for the operations per round
	N     int    // operations per round at full size
	Quick int    // operations per round with -quick
	// measure runs rounds rounds of n operations each and returns the
	// nanoseconds per operation of each round.
	measure func(n, rounds int) ([]float64, error)
}

// Figure is one probe's measurement, as costs.json keeps it.
type Figure struct {
	Name    string    `json:"name"`
	Group   string    `json:"group"`
	What    string    `json:"what"`
	N       int       `json:"n"`                 // operations per round
	NsPerOp []float64 `json:"ns_per_op"`         // one figure per round
	Missing string    `json:"missing,omitempty"` // why there is no figure
}

// Costs is what costs.json holds: everything the table is made from.
type Costs struct {
	Environment string   `json:"environment"`
	Quick       bool     `json:"quick"`
	Rounds      int      `json:"rounds"`
	Figures     []Figure `json:"figures"`
}

func main() {
	quick := flag.Bool("quick", false, "tiny sizes and one round: to check that every probe runs")
	rounds := flag.Int("rounds", 5, "rounds of each probe (the table gives their median); -quick sets 1")
	only := flag.String("only", "", "comma-separated probe names to run (default all)")
	outDir := flag.String("out", "bench", "where costs.md and costs.json go (empty: nowhere)")
	report := flag.String("report", "", "run nothing: redraw costs.md in -out from this costs.json")
	flag.Parse()
	var err error
	if *report != "" {
		err = redraw(*report, *outDir)
	} else {
		if *quick {
			*rounds = 1
		}
		var c Costs
		if c, err = measure(probes(), *quick, *rounds, *only); err == nil {
			err = write(c, *outDir)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "costs:", err)
		os.Exit(1)
	}
}

// measure runs the probes named in only (all when empty) and returns
// their figures. A probe that fails is an error: every figure the table
// shows comes from a run that did what it says.
func measure(ps []probe, quick bool, rounds int, only string) (Costs, error) {
	c := Costs{Quick: quick, Rounds: rounds}
	var keep []string
	if only != "" {
		keep = strings.Split(only, ",")
	}
	for _, p := range ps {
		if keep != nil && !slices.Contains(keep, p.Name) {
			continue
		}
		n := p.N
		if quick {
			n = p.Quick
		}
		f := Figure{Name: p.Name, Group: p.Group, What: strings.ReplaceAll(p.What, "{n}", result.Thousands(n)), N: n}
		if p.measure == nil {
			f.Missing = "not on " + runtime.GOOS
		} else {
			ns, err := p.measure(n, rounds)
			if err != nil {
				return c, fmt.Errorf("%s: %w", p.Name, err)
			}
			f.NsPerOp = ns
		}
		fmt.Fprintf(os.Stderr, "%-18s %s\n", f.Name, spread(f))
		c.Figures = append(c.Figures, f)
	}
	c.Environment = fmt.Sprintf("%s/%s, %d CPUs, %s", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version())
	return c, nil
}

// redraw writes costs.md again from the figures of an earlier run, saved
// in the costs.json at path: for a change to the table's format, without
// running anything.
func redraw(path, outDir string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var c Costs
	if err := json.Unmarshal(raw, &c); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return write(c, outDir)
}

// write prints the table of c and, unless outDir is empty, writes it to
// outDir/costs.md and the figures to outDir/costs.json.
func write(c Costs, outDir string) error {
	md := markdown(c)
	fmt.Print(md)
	if outDir == "" {
		return nil
	}
	if err := os.WriteFile(filepath.Join(outDir, "costs.md"), []byte(md), 0o644); err != nil {
		return err
	}
	raw, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(outDir, "costs.json"), append(raw, '\n'), 0o644)
}

// fmtNs writes a duration in nanoseconds with a unit that keeps three
// significant figures or fewer: 41 ns, 1.25 µs, 12.5 µs, 1.50 ms.
func fmtNs(ns float64) string {
	switch {
	case math.IsNaN(ns):
		return "–"
	case ns < 1e3:
		return fmt.Sprintf("%.0f ns", ns)
	case ns < 1e4:
		return fmt.Sprintf("%.2f µs", ns/1e3)
	case ns < 1e6:
		return fmt.Sprintf("%.1f µs", ns/1e3)
	}
	return fmt.Sprintf("%.2f ms", ns/1e6)
}

// spread is a figure's median and range, for the log.
func spread(f Figure) string {
	if f.Missing != "" {
		return f.Missing
	}
	return fmt.Sprintf("%s per op (%s – %s, n=%d)", fmtNs(result.Median(f.NsPerOp)), fmtNs(slices.Min(f.NsPerOp)), fmtNs(slices.Max(f.NsPerOp)), f.N)
}

// markdown is the table the book includes.
func markdown(c Costs) string {
	var b strings.Builder
	size := "full"
	if c.Quick {
		size = "quick"
	}
	fmt.Fprintf(&b, "<!-- Written by `make bench-costs` (bench/cmd/costs, size %s); do not edit. -->\n\n", size)
	b.WriteString("| cost | probe | one operation | time per operation | fastest – slowest round |\n")
	b.WriteString("| --- | --- | --- | ---: | ---: |\n")
	group := ""
	for _, f := range c.Figures {
		g := ""
		if f.Group != group {
			g, group = "**"+f.Group+"**", f.Group
		}
		if f.Missing != "" {
			fmt.Fprintf(&b, "| %s | `%s` | %s | %s | |\n", g, f.Name, f.What, f.Missing)
			continue
		}
		fmt.Fprintf(&b, "| %s | `%s` | %s | %s | %s – %s |\n", g, f.Name, f.What,
			fmtNs(result.Median(f.NsPerOp)), fmtNs(slices.Min(f.NsPerOp)), fmtNs(slices.Max(f.NsPerOp)))
	}
	rounds := fmt.Sprintf("%d rounds", c.Rounds)
	if c.Rounds == 1 {
		rounds = "one round"
	}
	fmt.Fprintf(&b, "\n*%s; %s of each probe.* Each round times many operations (the `n` of `bench/costs.json`) and divides; "+
		"the time is the median of the rounds. A wake-up is one way: half of a round trip between two threads.\n", c.Environment, rounds)
	return b.String()
}
