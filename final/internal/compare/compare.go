// Package compare runs programs and compares two runs of one program, as
// final/node/conformance compares a case's JavaScript half on node with
// its Go half, and final/gonode compares node with gonode.
package compare

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Run is what one program printed and how it exited.
type Run struct {
	// Stdout is standard output's lines, and Warnings the process
	// warnings on standard error, as Warnings returns them.
	Stdout, Warnings []string
	// Stderr is standard error as it was.
	Stderr string
	// Code is the exit status, or -1 if the program was stopped at
	// its time limit.
	Code int
}

// Program runs prog with args in dir (the current directory if dir is
// "") with the environment env (this process's if env is nil), stops it
// after limit, and returns what it printed. The error is one that kept
// the program from running or finishing; an exit status other than 0 is
// not an error, but Run's Code.
func Program(limit time.Duration, dir string, env []string, prog string, args ...string) (Run, error) {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, prog, args...)
	cmd.Dir, cmd.Env = dir, env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := Run{Stdout: Lines(stdout.String()), Warnings: Warnings(stderr.String()), Stderr: stderr.String()}
	if ctx.Err() != nil {
		r.Code = -1 // stopped
		return r, nil
	}
	if ee, ok := errors.AsType[*exec.ExitError](err); ok {
		r.Code = ee.ExitCode()
		return r, nil
	}
	return r, err
}

// Lines returns the lines of s, without their line ends; none if s is
// empty.
func Lines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// warningHeader is the start of a process warning, "(node:1234) ", whose
// program name and pid differ between two runs.
var warningHeader = regexp.MustCompile(`^\([^:()]+:\d+\) (\w+Warning): `)

// Warnings returns the process warnings in stderr, each as one string
// "KindWarning: message", without its header's program name and pid and
// without Node's advice on --trace-warnings; a message's second line is
// joined to it with " / ".
func Warnings(stderr string) []string {
	var out []string
	ls := Lines(stderr)
	for i := 0; i < len(ls); i++ {
		m := warningHeader.FindStringSubmatch(ls[i])
		if m == nil {
			continue
		}
		w := m[1] + ": " + ls[i][len(m[0]):]
		if i+1 < len(ls) && !strings.HasPrefix(ls[i+1], "(") {
			w += " / " + ls[i+1] // the message's second line
			i++
		}
		out = append(out, w)
	}
	return out
}

// SameLines reports whether a and b are the same lines: in the same
// order, or, if asSet, in any order.
func SameLines(a, b []string, asSet bool) bool {
	if asSet {
		a, b = slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b))
	}
	return slices.Equal(a, b)
}

// Diff says how other's run got differs from node's run want of the case
// name, or returns "": their lines (compared as sets if asSet) and exit
// statuses, and if warnings is set their process warnings too, of which
// node's run must have at least one. other names got's runtime in the
// message, whose report of got includes its standard error.
func Diff(name, other string, want, got Run, asSet, warnings bool) string {
	var msg string
	if !SameLines(want.Stdout, got.Stdout, asSet) || want.Code != got.Code {
		msg = name + ": node printed (exit " + strconv.Itoa(want.Code) + ")\n\t" + strings.Join(want.Stdout, "\n\t") +
			"\n" + other + " printed (exit " + strconv.Itoa(got.Code) + ")\n\t" + strings.Join(got.Stdout, "\n\t") +
			"\n" + other + "'s stderr:\n" + got.Stderr
	}
	if warnings && (len(want.Warnings) == 0 || !slices.Equal(want.Warnings, got.Warnings)) {
		if msg != "" {
			msg += "\n"
		}
		msg += name + ": node warned\n\t" + strings.Join(want.Warnings, "\n\t") +
			"\n" + other + " warned\n\t" + strings.Join(got.Warnings, "\n\t")
	}
	return msg
}

// InParallel calls f for each item, n at a time, and waits for them all.
func InParallel(n int, items []string, f func(item string)) {
	sem := make(chan struct{}, n)
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			f(it)
		})
	}
	wg.Wait()
}
