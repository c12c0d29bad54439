package conformance

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// setCases are the cases whose lines are compared as sets, with why.
var setCases = map[string]string{
	"timeout-vs-immediate-main": "Node's docs: from the main module the order 'is non-deterministic, bound by the performance of the process'; " +
		"the 1 ms timer is due at the first timers phase only if the loop took 1 ms to get there",
	"unref-immediate-runs-while-alive": "the fact is that the unref'd immediate runs at all; it runs before the 5 ms timer only if the program " +
		"reached the first check phase within 5 ms, and under heavy load Node itself once printed the timer first",
}

// stderrCases are the cases whose warnings on stderr are compared too.
var stderrCases = map[string]bool{"overflow-is-one": true, "interval-overflow-is-one": true}

// parallel is how many cases run at once: their programs mostly wait.
const parallel = 4

// result is what one program printed and how it exited.
type result struct {
	stdout, warnings []string
	code             int
}

func TestConformance(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not on PATH, so the JavaScript half of each case cannot run; .ci/run installs it (apt-get install nodejs)")
	}
	if os.Getenv("WINEPREFIX") != "" {
		t.Skip("under Wine there is no Windows node for the JavaScript half of each case")
	}
	bin, names := buildCases(t)
	update := os.Getenv("UPDATE_GOLDEN") != ""
	inParallel(names, func(name string) {
		js := run(t, node, "js/"+name+".js")
		g := run(t, bin, name)
		check(t, name, js, g, update)
	})
}

// inParallel runs f for each name, parallel at a time, and waits.
func inParallel(names []string, f func(name string)) {
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for _, name := range names {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			f(name)
		})
	}
	wg.Wait()
}

// TestGoCasesMatchRecords runs the Go half of every case and compares it
// with what Node printed when the records were made (testdata), so that
// a machine without node still checks final/ against Node's behaviour.
func TestGoCasesMatchRecords(t *testing.T) {
	if os.Getenv("UPDATE_GOLDEN") != "" {
		t.Skip("UPDATE_GOLDEN is set: TestConformance is rewriting the records")
	}
	bin, names := buildCases(t)
	inParallel(names, func(name string) {
		if msg := differsFromRecord(name, run(t, bin, name)); msg != "" {
			t.Error(msg)
		}
	})
}

// buildCases builds gocases and returns the binary and the case names,
// after checking that every JavaScript case has its Go twin and back.
func buildCases(t *testing.T) (bin string, names []string) {
	t.Helper()
	bin = filepath.Join(t.TempDir(), "gocases")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	if out, err := exec.Command("go", "build", "-o", bin, "./gocases").CombinedOutput(); err != nil {
		t.Fatalf("go build ./gocases: %v\n%s", err, out)
	}
	out, err := exec.Command(bin).Output()
	if err != nil {
		t.Fatal(err)
	}
	goNames := strings.Fields(string(out))
	files, err := filepath.Glob("js/*.js")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		names = append(names, strings.TrimSuffix(filepath.Base(f), ".js"))
	}
	if !slices.Equal(names, goNames) {
		t.Fatalf("the JavaScript cases\n%v\nare not the Go cases\n%v", names, goNames)
	}
	if len(names) < 60 {
		t.Fatalf("%d cases, want at least 60", len(names))
	}
	return bin, names
}

// record returns what a run printed as the records keep it: the lines,
// and the exit status if it is not 0.
func record(r result) string {
	text := strings.Join(r.stdout, "\n") + "\n"
	if r.code != 0 {
		text += "(exit status " + strconv.Itoa(r.code) + ")\n"
	}
	return text
}

// sameLines compares two runs' lines, as sets for the cases in setCases.
func sameLines(name string, a, b []string) bool {
	if _, asSet := setCases[name]; asSet {
		a, b = slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b))
	}
	return slices.Equal(a, b)
}

// differsFromRecord says how r differs from the case's record, or "".
func differsFromRecord(name string, r result) string {
	golden := filepath.Join("testdata", name+".txt")
	want, err := os.ReadFile(golden)
	if err != nil {
		return fmt.Sprintf("%s: %v (record it with UPDATE_GOLDEN=1)", name, err)
	}
	if got := record(r); !sameLines(name, lines(string(want)), lines(got)) {
		return fmt.Sprintf("%s: %s records\n%sbut the run printed\n%s", name, golden, want, got)
	}
	return ""
}

// run runs a program and returns what it printed.
func run(t *testing.T, prog string, arg string) result {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, prog, arg)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := result{stdout: lines(stdout.String()), warnings: warnings(stderr.String())}
	if ee, ok := errors.AsType[*exec.ExitError](err); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Errorf("%s %s: %v", prog, arg, err)
	}
	return r
}

func lines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// warningHeader is the start of a process warning, "(node:1234) ", whose
// program name and pid differ between the two runs.
var warningHeader = regexp.MustCompile(`^\([^:()]+:\d+\) (\w+Warning): `)

// warnings returns the process warnings in stderr, without their
// headers' name and pid, and without Node's advice on --trace-warnings.
func warnings(s string) []string {
	var out []string
	ls := lines(s)
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

// check compares one case's two runs, and Node's with its record.
func check(t *testing.T, name string, js, g result, update bool) {
	if !sameLines(name, js.stdout, g.stdout) || js.code != g.code {
		t.Errorf("%s: node printed (exit %d)\n\t%s\nGo printed (exit %d)\n\t%s", name,
			js.code, strings.Join(js.stdout, "\n\t"), g.code, strings.Join(g.stdout, "\n\t"))
	}
	if stderrCases[name] && (len(js.warnings) == 0 || !slices.Equal(js.warnings, g.warnings)) {
		t.Errorf("%s: node warned\n\t%s\nGo warned\n\t%s", name,
			strings.Join(js.warnings, "\n\t"), strings.Join(g.warnings, "\n\t"))
	}
	if update {
		if err := os.WriteFile(filepath.Join("testdata", name+".txt"), []byte(record(js)), 0o666); err != nil {
			t.Error(err)
		}
		return
	}
	if msg := differsFromRecord(name, js); msg != "" {
		t.Errorf("node no longer prints what was recorded: %s", msg)
	}
}
