package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A count is what `strace -f -c` saw one process make: its system calls
// by name, and their total.
type count struct {
	Total  int
	ByName map[string]int
}

// parseStraceC reads the summary table that `strace -c -o file` writes:
// one line per system call ("% time  seconds  usecs/call  calls  errors
// syscall", errors left empty when there were none) and a total line.
func parseStraceC(text string) (count, error) {
	c := count{ByName: map[string]int{}}
	sc := bufio.NewScanner(strings.NewReader(text))
	found := false
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 5 || strings.HasPrefix(f[0], "%") || strings.HasPrefix(f[0], "-") {
			continue
		}
		calls, err := strconv.Atoi(f[3])
		if err != nil {
			continue
		}
		name := f[len(f)-1]
		if name == "total" {
			c.Total, found = calls, true
			continue
		}
		c.ByName[name] += calls
	}
	if !found {
		return c, fmt.Errorf("no total line in strace's summary: %q", text)
	}
	return c, nil
}

// syscalls runs each workload once per contender under `strace -f -c`
// and writes a table of system calls per operation to dir/syscalls.md:
// a figure a loaded machine cannot blur, unlike the times.
func syscalls(ws []workload, contenders []string, cmds map[string][]string, file, server, dir string, timeout time.Duration) error {
	strace, err := exec.LookPath("strace")
	if err != nil {
		return fmt.Errorf("-syscalls needs strace (apt-get install strace): %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	straces, err := os.MkdirTemp("", "gonode-strace-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(straces)
	var b strings.Builder
	b.WriteString("<!-- Written by `make bench-syscalls`; do not edit. -->\n\n")
	b.WriteString("| workload | contender | system calls per operation | the most frequent, per operation |\n")
	b.WriteString("| --- | --- | ---: | --- |\n")
	for _, w := range ws {
		ops := float64(w.N * max(w.Conns, 1))
		for i, c := range contenders {
			out := filepath.Join(straces, w.Name+"-"+c+".strace")
			args := append([]string{strace, "-f", "-c", "-o", out}, cmds[c]...)
			args = append(args, w.Args...)
			args = append(args, "-file", file, "-server", server, "-timeout", timeout.String())
			if _, err := runOne(w, c, args, timeout); err != nil {
				return fmt.Errorf("%s, %s under strace: %w", w.Name, c, err)
			}
			raw, err := os.ReadFile(out)
			if err != nil {
				return err
			}
			n, err := parseStraceC(string(raw))
			if err != nil {
				return fmt.Errorf("%s, %s: %w", w.Name, c, err)
			}
			names := make([]string, 0, len(n.ByName))
			for name := range n.ByName {
				names = append(names, name)
			}
			slices.SortFunc(names, func(a, b string) int { return n.ByName[b] - n.ByName[a] })
			var top []string
			for _, name := range names[:min(4, len(names))] {
				top = append(top, fmt.Sprintf("%s %.2f", name, float64(n.ByName[name])/ops))
			}
			label := ""
			if i == 0 {
				label = "**" + w.Name + "**"
			}
			fmt.Fprintf(&b, "| %s | %s | %.2f | %s |\n", label, c, float64(n.Total)/ops, strings.Join(top, ", "))
			fmt.Fprintf(os.Stderr, "%-11s %-4s %8.2f system calls per operation\n", w.Name, c, float64(n.Total)/ops)
		}
	}
	b.WriteString("\nFrom one run of each under `strace -f -c` (every thread), divided by the workload's operations (echo: round trips of all connections); process start-up is included.\n")
	fmt.Print(b.String())
	return os.WriteFile(filepath.Join(dir, "syscalls.md"), []byte(b.String()), 0o644)
}
