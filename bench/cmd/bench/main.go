// Command bench is the benchmark harness behind `make bench`: it runs
// each workload on the book's runtime (bench/cmd/ours), in Node
// (bench/node/bench.js) and in idiomatic Go (bench/cmd/gostd), each
// contender in a process of its own, alternately (A B C A B C ...) after
// a warm-up, and writes one table of medians:
//
//	go run ./bench/cmd/bench                 # full sizes (minutes)
//	go run ./bench/cmd/bench -size smoke     # tiny sizes (seconds), for CI
//
// It measures each process from the outside (wall time, user+system CPU
// time and peak resident memory from the kernel's rusage) and reads the
// contender's own JSON line for what only it can see: how many
// operations succeeded, how long the workload itself took (without the
// process's start-up), and the timers' lateness.
//
// It writes the table to bench/results.md, which the book includes, every
// run to bench/results.json, and a bar chart of the ratios to
// book/images/bench.svg. Node runs where `node` is on PATH; the table says
// so when it is not.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nodeexperiment/gonode/bench/internal/result"
	"github.com/nodeexperiment/gonode/internal/delayserver"
	"github.com/nodeexperiment/gonode/internal/echotest"
)

// The contenders, by the names the table uses.
const (
	Ours   = "ours"
	Node   = "node"
	Go     = "go"
	Gonode = "gonode"
)

// allContenders are the contenders in the table's order.
var allContenders = []string{Ours, Node, Go, Gonode}

// gonodeCannot are the workloads gonode does not run, with why (none
// today; the table says why where there are).
var gonodeCannot = map[string]string{}

// A workload is one row group of the table.
type workload struct {
	Name  string   `json:"name"`          // the table's name for it
	What  string   `json:"what"`          // what it does, for the table
	Args  []string `json:"args"`          // the contender's flags (-server and -file are added)
	N     int      `json:"n"`             // operations per run
	Conns int      `json:"conns"`         // echo: connections
	Env   []string `json:"env,omitempty"` // added to every contender's environment
}

func workloads(size string) ([]workload, error) {
	type sizes struct{ timers, timersBig, imm, files, cpu, http, echoConns, echoRounds int }
	var s sizes
	switch size {
	case "full":
		s = sizes{100_000, 1_000_000, 100_000, 20_000, 2_000, 20_000, 100, 1_000}
	case "smoke":
		s = sizes{1_000, 2_000, 1_000, 200, 20, 100, 10, 10}
	default:
		return nil, fmt.Errorf("unknown size %q (full or smoke)", size)
	}
	w := func(name, what, kind string, n int, extra ...string) workload {
		return workload{Name: name, What: what, N: n, Args: append([]string{"-workload", kind, "-n", strconv.Itoa(n)}, extra...)}
	}
	return []workload{
		w("timers", result.Thousands(s.timers)+" timers, 0–100 ms", "timers", s.timers),
		w("timers-big", result.Thousands(s.timersBig)+" timers, 0–100 ms", "timers", s.timersBig),
		w("immediates", "a chain of "+result.Thousands(s.imm)+" immediates", "immediates", s.imm),
		w("files", result.Thousands(s.files)+" reads of a 4 KiB file, 64 in flight", "files", s.files, "-c", "64"),
		withEnv(w("files-uring", "the same, with UV_USE_IO_URING=1 (ours and Node; Go as in files)", "files", s.files, "-c", "64"), "UV_USE_IO_URING=1"),
		w("pbkdf2", result.Thousands(s.cpu)+" PBKDF2-SHA256, 1,000 iterations", "cpu", s.cpu),
		w("http-1", result.Thousands(s.http)+" GETs, one at a time", "http", s.http, "-c", "1"),
		w("http-100", result.Thousands(s.http)+" GETs, 100 at a time", "http", s.http, "-c", "100"),
		{Name: "echo", What: fmt.Sprintf("%d connections × %s round trips of 64 B", s.echoConns, result.Thousands(s.echoRounds)),
			Args: []string{"-workload", "echo", "-n", strconv.Itoa(s.echoRounds)}, N: s.echoRounds, Conns: s.echoConns},
	}, nil
}

// withEnv returns w with env added to each contender's environment.
func withEnv(w workload, env ...string) workload {
	w.Env = env
	return w
}

// A run is one process: one workload, one contender.
type run struct {
	Workload  string        `json:"workload"`
	Contender string        `json:"contender"`
	Round     int           `json:"round"` // 0 is the warm-up
	WallMs    float64       `json:"wall_ms"`
	CPUMs     float64       `json:"cpu_ms"`
	MaxRSSKiB int64         `json:"max_rss_kib"`
	Result    result.Result `json:"result"`
}

func main() {
	size := flag.String("size", "full", "full or smoke")
	rounds := flag.Int("rounds", 3, "measured runs of each contender on each workload")
	warmup := flag.Int("warmup", 1, "runs of each contender before the measured ones")
	only := flag.String("only", "", "comma-separated workload names to run (default all)")
	outDir := flag.String("out", "bench", "where results.md and results.json go (empty: nowhere)")
	svg := flag.String("svg", "book/images/bench.svg", "where the chart goes (with -out only)")
	timeout := flag.Duration("timeout", 2*time.Minute, "the longest one run may take")
	report := flag.String("report", "", "run nothing: redraw results.md and the chart in -out from this results.json")
	sysDir := flag.String("syscalls", "", "time nothing: count each contender's system calls per operation with strace -f -c, once each, into this directory")
	flag.Parse()
	var err error
	if *report != "" {
		err = redraw(*report, *outDir, *svg)
	} else {
		err = mainErr(*size, *rounds, *warmup, *only, *outDir, *svg, *sysDir, *timeout)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// results is what results.json holds: everything the table and the chart
// are made from.
type results struct {
	Size        string     `json:"size"`
	Environment string     `json:"environment"`
	Workloads   []workload `json:"workloads"`
	Runs        []run      `json:"runs"`
}

// redraw writes results.md and the chart again from the raw runs of an
// earlier run, saved in the results.json at path: for a change to the
// report's format, without running anything.
func redraw(path, outDir, svgPath string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var res results
	if err := json.Unmarshal(raw, &res); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	var contenders []string
	for _, c := range allContenders {
		if slices.ContainsFunc(res.Runs, func(r run) bool { return r.Contender == c }) {
			contenders = append(contenders, c)
		}
	}
	return write(res, contenders, outDir, svgPath)
}

// write prints the table of res and, unless outDir is empty, writes it to
// outDir/results.md, the raw runs to outDir/results.json, and the chart
// to svgPath (if not empty).
func write(res results, contenders []string, outDir, svgPath string) error {
	rows := summarize(res.Workloads, contenders, res.Runs)
	md := markdown(res.Size, res.Environment, res.Workloads, rows)
	fmt.Print(md)
	if outDir == "" {
		return nil // a smoke run: the table on standard output is enough
	}
	if err := os.WriteFile(filepath.Join(outDir, "results.md"), []byte(md), 0o644); err != nil {
		return err
	}
	raw, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(outDir, "results.json"), append(raw, '\n'), 0o644); err != nil {
		return err
	}
	if svgPath != "" {
		if err := os.MkdirAll(filepath.Dir(svgPath), 0o755); err != nil {
			return err
		}
		return os.WriteFile(svgPath, []byte(chart(res.Workloads, rows)), 0o644)
	}
	return nil
}

func mainErr(size string, rounds, warmup int, only, outDir, svgPath, sysDir string, timeout time.Duration) error {
	ws, err := workloads(size)
	if err != nil {
		return err
	}
	if only != "" {
		keep := strings.Split(only, ",")
		ws = slices.DeleteFunc(ws, func(w workload) bool { return !slices.Contains(keep, w.Name) })
	}
	tmp, err := os.MkdirTemp("", "gonode-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	// The contenders: two Go programs, built once, and Node if present.
	cmds := map[string][]string{}
	for _, c := range []struct{ name, cmd string }{{Ours, "./bench/cmd/ours"}, {Go, "./bench/cmd/gostd"}, {Gonode, "./final/cmd/gonode"}} {
		bin := filepath.Join(tmp, c.name)
		build := exec.Command("go", "build", "-o", bin, c.cmd)
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("building %s: %w", c.cmd, err)
		}
		cmds[c.name] = []string{bin}
	}
	cmds[Gonode] = append(cmds[Gonode], "bench/node/bench.js")
	contenders := []string{Ours, Node, Go, Gonode}
	nodeNote := ""
	if node, err := exec.LookPath("node"); err == nil {
		cmds[Node] = []string{node, "bench/node/bench.js"}
		if out, err := exec.Command(node, "--version").Output(); err == nil {
			nodeNote = "Node " + strings.TrimSpace(string(out))
		}
	} else {
		contenders = []string{Ours, Go, Gonode}
		nodeNote = "Node: not run, `node` is not on PATH"
	}

	file := filepath.Join(tmp, "4k.txt")
	if err := os.WriteFile(file, []byte(strings.Repeat("0123456789abcde\n", 256)), 0o644); err != nil {
		return err
	}
	server, stopServer, err := delayserver.FromEnv()
	if err != nil {
		return err
	}
	defer stopServer()
	if sysDir != "" {
		return syscalls(ws, contenders, cmds, file, server, sysDir, timeout)
	}

	var runs []run
	for _, w := range ws {
		for round := 1 - warmup; round <= rounds; round++ {
			for _, c := range contenders {
				if c == Gonode && gonodeCannot[w.Name] != "" {
					continue
				}
				args := append(slices.Clone(cmds[c]), w.Args...)
				args = append(args, "-file", file, "-server", server, "-timeout", timeout.String())
				r, err := runOne(w, c, args, timeout)
				if err != nil {
					return fmt.Errorf("%s, %s: %w", w.Name, c, err)
				}
				r.Round = max(round, 0)
				fmt.Fprintf(os.Stderr, "%-10s %-4s round %d: %8.1f ms, %d ops, %d errors\n",
					w.Name, c, r.Round, r.Result.ElapsedMs, r.Result.Ops, r.Result.Errors)
				runs = append(runs, r)
			}
		}
	}

	env := fmt.Sprintf("%s/%s, %d CPUs, %s, %s; %d runs each after %d warm-up, alternating",
		runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), nodeNote, rounds, warmup)
	return write(results{Size: size, Environment: env, Workloads: ws, Runs: runs}, contenders, outDir, svgPath)
}

// runOne runs one contender on one workload and measures the process.
func runOne(w workload, contender string, args []string, timeout time.Duration) (run, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout+10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Stderr = os.Stderr
	if len(w.Env) > 0 {
		cmd.Env = append(os.Environ(), w.Env...)
	}
	r := run{Workload: w.Name, Contender: contender}
	var last string
	start := time.Now()
	if w.Name == "echo" {
		var err error
		if last, r.Result, err = echo(cmd, w, timeout); err != nil {
			return r, err
		}
	} else {
		out, err := cmd.Output()
		if err != nil {
			return r, fmt.Errorf("%v: %w (it printed %q)", args, err, out)
		}
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		last = lines[len(lines)-1]
		if err := json.Unmarshal([]byte(last), &r.Result); err != nil {
			return r, fmt.Errorf("%v printed %q: %w", args, last, err)
		}
	}
	r.WallMs = result.Ms(time.Since(start))
	st := cmd.ProcessState
	r.CPUMs = result.Ms(st.UserTime() + st.SystemTime())
	r.MaxRSSKiB = peakRSSKiB(st)
	switch {
	case r.Result.Error != "":
		return r, fmt.Errorf("%s (%s)", r.Result.Error, last)
	case r.Result.Ops != w.N:
		return r, fmt.Errorf("%d operations of %d completed: %s", r.Result.Ops, w.N, last)
	}
	return r, nil
}

// echo starts the contender's echo server, drives it with the load
// client, then closes its standard input and waits for it to exit.
func echo(cmd *exec.Cmd, w workload, timeout time.Duration) (string, result.Result, error) {
	var res result.Result
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return "", res, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return "", res, err
	}
	if err := cmd.Start(); err != nil {
		return "", res, err
	}
	lines := bufio.NewScanner(stdout)
	first := ""
	if lines.Scan() {
		first = lines.Text()
	}
	var hello result.Result
	if err := json.Unmarshal([]byte(first), &hello); err != nil || hello.Addr == "" {
		stdin.Close()
		cmd.Wait()
		return first, res, fmt.Errorf("echo server said %q, not its address", first)
	}
	res = load(hello.Addr, w.Conns, w.N, timeout)
	res.Workload, res.N = w.Name, w.N
	stdin.Close()
	for lines.Scan() {
	}
	return first, res, cmd.Wait()
}

// load is the echo workload's client, the same for every server: conns
// connections, each doing rounds round trips of 64 bytes
// (echotest.MessageSize). Ops counts round trips per connection when
// every connection finished (so a full run has Ops == rounds, which the
// caller sets as N), and all of them otherwise.
func load(addr string, conns, rounds int, timeout time.Duration) result.Result {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var res result.Result
	start := time.Now()
	for id := range conns {
		wg.Go(func() {
			ok, err := echotest.RoundTrips(addr, id, rounds, start.Add(timeout))
			mu.Lock()
			defer mu.Unlock()
			res.Ops += ok
			if err != nil {
				res.Errors++
				if res.Error == "" {
					res.Error = err.Error()
				}
			}
		})
	}
	wg.Wait()
	res.ElapsedMs = result.Ms(time.Since(start))
	// Report per connection, so Ops == N means every connection finished.
	if res.Error == "" {
		res.Ops /= conns
	}
	return res
}
