package examples_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/internal/delayserver"
	"github.com/nodeexperiment/gonode/internal/delayserver/delaytest"
	"github.com/nodeexperiment/gonode/internal/trace"
	"github.com/nodeexperiment/gonode/steps/13-parsing/internal/looptest"
)

// onlyMain holds a Node twin's output to the spec's main-thread lines,
// the only thread Node's output has.
var onlyMain = trace.OnlyThreads("main")

// examples returns the directories that hold an example: those with a
// trace.spec.
func examples(t *testing.T) []string {
	t.Helper()
	specs, err := filepath.Glob(filepath.Join("*", "trace.spec"))
	if err != nil {
		t.Fatal(err)
	}
	if len(specs) == 0 {
		t.Fatal("no example: no */trace.spec under final/examples")
	}
	dirs := make([]string, len(specs))
	for i, s := range specs {
		dirs[i] = filepath.Dir(s)
	}
	slices.Sort(dirs)
	return dirs
}

// TestExamples builds and runs every example against one delay server,
// checks its output against its trace.spec, and runs its JavaScript
// twin, if it has one, on real node against the same spec's main-thread
// lines. With UPDATE_GOLDEN set it records both runs for the book.
func TestExamples(t *testing.T) {
	dirs := examples(t)
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("go is not on PATH (go test puts GOROOT/bin there): %v", err)
	}
	node, nodeErr := exec.LookPath("node")
	server := delaytest.Start(t)
	env := append(os.Environ(), delayserver.EnvAddr+"="+server)
	bin := t.TempDir()
	// One build for all of them: the packages share most of their code.
	args := []string{"build", "-o", bin + string(filepath.Separator)}
	for _, d := range dirs {
		args = append(args, "./"+d)
	}
	if out, err := exec.Command(goTool, args...).CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	update := os.Getenv("UPDATE_GOLDEN") != ""
	for _, dir := range dirs {
		t.Run(dir, func(t *testing.T) {
			spec := readFile(t, filepath.Join(dir, "trace.spec"))
			exe := filepath.Join(bin, dir)
			if runtime.GOOS == "windows" {
				exe += ".exe"
			}
			status := exitStatus(t, dir)
			out := runIn(t, dir, env, status, exe)
			if err := trace.CheckText(spec, out); err != nil {
				t.Fatalf("the run does not satisfy %s/trace.spec: %v\n%s", dir, err, out)
			}
			record(t, dir, "output.txt", out, update)
			if !recordedHere(t, dir) {
				return
			}
			if err := trace.CheckFiles(filepath.Join(dir, "trace.spec"), filepath.Join(dir, "output.txt")); err != nil {
				t.Error(err)
			}

			js := filepath.Join(dir, "example.js")
			if _, err := os.Stat(js); err != nil {
				return // Node cannot express this example; its page says why
			}
			if nodeErr != nil {
				t.Skip("node is not on PATH, so example.js cannot run; .ci/run installs it (apt-get install nodejs)")
			}
			nodeOut := runIn(t, dir, env, status, node, "example.js")
			if err := trace.CheckText(spec, nodeOut, onlyMain); err != nil {
				t.Fatalf("Node's run of %s does not satisfy its trace.spec on main's lines: %v\n%s", js, err, nodeOut)
			}
			record(t, dir, "node-output.txt", nodeOut, update)
			if err := trace.CheckFiles(filepath.Join(dir, "trace.spec"), filepath.Join(dir, "node-output.txt"), onlyMain); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestSpecsRejectReversedRuns makes sure no example's spec is vacuous:
// each recorded run with its lines in reverse order must fail it.
func TestSpecsRejectReversedRuns(t *testing.T) {
	for _, dir := range examples(t) {
		if !recordedHere(t, dir) {
			continue
		}
		spec := readFile(t, filepath.Join(dir, "trace.spec"))
		recs, err := trace.ParseTrace(strings.NewReader(readFile(t, filepath.Join(dir, "output.txt"))))
		if err != nil {
			t.Fatalf("%s/output.txt: %v", dir, err)
		}
		if len(recs) < 2 {
			t.Errorf("%s/output.txt has %d records; an example prints more", dir, len(recs))
			continue
		}
		var reversed strings.Builder
		for _, r := range slices.Backward(recs) {
			reversed.WriteString(r.String() + "\n")
		}
		if err := trace.CheckText(spec, reversed.String()); err == nil {
			t.Errorf("%s: the recorded run, reversed, satisfies trace.spec: the spec orders nothing", dir)
		}
	}
}

// everyRunRecorded says whether every example here has its recorded
// runs. In final/ each does. In a step of the book (steps/NN-name/), only
// the examples of that step's own page do: the step carries the earlier
// pages' examples on, and checks them against their specs, but their
// runs are recorded in the steps that introduced them.

const everyRunRecorded = false

// recordedHere reports whether dir holds its example's recorded run,
// and fails the test if it must and does not.
func recordedHere(t *testing.T, dir string) bool {
	t.Helper()
	_, err := os.Stat(filepath.Join(dir, "output.txt"))
	if err != nil && everyRunRecorded {
		t.Errorf("%s/output.txt: %v (make golden REFRESH=1 records it)", dir, err)
	}
	return err == nil
}

// exitStatus returns the status an example must end with: 0, or the
// number in its exit-status file, for an example that sets an exit code
// on purpose (as process.exitCode does in Node).
func exitStatus(t *testing.T, dir string) int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "exit-status"))
	if errors.Is(err, fs.ErrNotExist) {
		return 0
	}
	if err != nil {
		t.Fatal(err)
	}
	n, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatalf("%s/exit-status: %v", dir, err)
	}
	return n
}

// runIn runs the command in dir, for no longer than a minute, and
// returns its standard output; an exit status other than status, or
// anything on standard error, fails the test.
func runIn(t *testing.T, dir string, env []string, status int, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir, cmd.Env = dir, env
	out := looptest.Output(t, cmd, status)
	if t.Failed() {
		t.FailNow()
	}
	return out
}

// record writes out, a run, to dir/name when update is set: the files
// the book includes come from real runs only.
func record(t *testing.T, dir, name, out string, update bool) {
	t.Helper()
	if !update {
		return
	}
	if err := os.WriteFile(filepath.Join(dir, name), []byte(out), 0o666); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s/%s", dir, name)
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
