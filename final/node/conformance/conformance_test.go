package conformance

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/final/internal/compare"
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
	compare.InParallel(parallel, names, func(name string) {
		js := run(t, node, "js/"+name+".js")
		g := run(t, bin, name)
		check(t, name, js, g, update)
	})
}

// TestGoCasesMatchRecords runs the Go half of every case and compares it
// with what Node printed when the records were made (testdata), so that
// a machine without node still checks final/ against Node's behaviour.
func TestGoCasesMatchRecords(t *testing.T) {
	if os.Getenv("UPDATE_GOLDEN") != "" {
		t.Skip("UPDATE_GOLDEN is set: TestConformance is rewriting the records")
	}
	bin, names := buildCases(t)
	compare.InParallel(parallel, names, func(name string) {
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
func record(r compare.Run) string {
	text := strings.Join(r.Stdout, "\n") + "\n"
	if r.Code != 0 {
		text += "(exit status " + strconv.Itoa(r.Code) + ")\n"
	}
	return text
}

// differsFromRecord says how r differs from the case's record, or "".
func differsFromRecord(name string, r compare.Run) string {
	golden := filepath.Join("testdata", name+".txt")
	want, err := os.ReadFile(golden)
	if err != nil {
		return fmt.Sprintf("%s: %v (record it with UPDATE_GOLDEN=1)", name, err)
	}
	if got := record(r); !compare.SameLines(compare.Lines(string(want)), compare.Lines(got), isSet(name)) {
		return fmt.Sprintf("%s: %s records\n%sbut the run printed\n%s", name, golden, want, got)
	}
	return ""
}

// run runs a program and returns what it printed.
func run(t *testing.T, prog string, arg string) compare.Run {
	r, err := compare.Program(20*time.Second, "", nil, prog, arg)
	if err != nil {
		t.Errorf("%s %s: %v", prog, arg, err)
	}
	return r
}

// isSet reports whether the case name is in setCases.
func isSet(name string) bool {
	_, ok := setCases[name]
	return ok
}

// check compares one case's two runs, and Node's with its record.
func check(t *testing.T, name string, js, g compare.Run, update bool) {
	if msg := compare.Diff(name, "Go", js, g, isSet(name), stderrCases[name]); msg != "" {
		t.Error(msg)
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
