package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// timerLists returns a probe that times final/loop's timer lists at the
// given size through its Go benchmark, BenchmarkTimerLists
// (final/loop/timerlists_bench_test.go): the lists are not exported, and
// a probe should not make them so. It runs `go test` in the module's root,
// n operations a round, rounds rounds, and reads the ns/op lines.
func timerLists(entries int) func(n, rounds int) ([]float64, error) {
	return func(n, rounds int) ([]float64, error) {
		root, err := moduleRoot()
		if err != nil {
			return nil, err
		}
		sub := fmt.Sprintf("entries=%d", entries)
		cmd := exec.Command("go", "test", "-run", "^$", "-bench", "^BenchmarkTimerLists$/^"+sub+"$",
			"-benchtime", strconv.Itoa(n)+"x", "-count", strconv.Itoa(rounds), "./final/loop")
		cmd.Dir = root
		cmd.Stderr = os.Stderr
		out, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("%v: %w\n%s", cmd.Args, err, out)
		}
		ns, err := benchFigures(out, "BenchmarkTimerLists/"+sub)
		if err == nil && len(ns) != rounds {
			err = fmt.Errorf("go test printed %d figures for %s, want %d:\n%s", len(ns), sub, rounds, out)
		}
		return ns, err
	}
}

// benchFigures returns the ns/op of every line of go test's output that
// reports the benchmark name (with or without the -GOMAXPROCS suffix).
func benchFigures(out []byte, name string) ([]float64, error) {
	var ns []float64
	for line := range strings.Lines(string(out)) {
		f := strings.Fields(line)
		if len(f) < 4 || f[3] != "ns/op" {
			continue
		}
		if got, _, _ := strings.Cut(f[0], "-"); got != name && f[0] != name {
			continue
		}
		x, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			return nil, fmt.Errorf("go test printed %q: %w", line, err)
		}
		ns = append(ns, x)
	}
	return ns, nil
}

// moduleRoot is the directory of the go.mod that holds final/loop.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	gomod := string(bytes.TrimSpace(out))
	if err != nil || gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("not inside the module (go env GOMOD: %q, %v)", gomod, err)
	}
	return filepath.Dir(gomod), nil
}
