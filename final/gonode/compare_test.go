package gonode_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/final/internal/compare"
	"github.com/nodeexperiment/gonode/internal/delayserver"
	"github.com/nodeexperiment/gonode/internal/delayserver/delaytest"
	"github.com/nodeexperiment/gonode/internal/trace"
)

// This file runs every JavaScript program of the project on node and on
// gonode, and compares the two runs as final/node/conformance compares a
// case's two halves: the lines on standard output, the exit status, and
// for some cases the warnings on standard error.

// setCases are the conformance cases whose lines are compared as sets,
// because Node's own order varies, with why.
var setCases = map[string]string{
	"timeout-vs-immediate-main": "Node's docs: from the main module the order of a 0 ms timeout and an immediate 'is non-deterministic'",
}

// isSet reports whether the case name is in setCases.
func isSet(name string) bool {
	_, ok := setCases[name]
	return ok
}

// stderrCases are the cases whose warnings on stderr are compared too.
var stderrCases = map[string]bool{"overflow-is-one": true, "interval-overflow-is-one": true}

// cannotRun are the project's files gonode cannot run, with why. The
// test checks that each still fails on gonode, with the reason's module
// named, so that the list cannot go stale.
var cannotRun = map[string]struct{ why, says string }{
	"final/node/example.js": {"it runs each pool task on a worker_threads Worker, a second JavaScript engine on a thread of its own; " +
		"gonode has one engine, on the loop thread, and no worker_threads", "Cannot find module 'worker_threads'"},
	"final/examples/runtime/example.js": {"like final/node/example.js, it runs the pool's work on worker_threads Workers, " +
		"which gonode does not have", "Cannot find module 'worker_threads'"},
	"final/examples/echo/example.js": {"its clients end their side (socket.end) and then read the echo: a half-close, " +
		"which final/loop's connections do not have (Close closes both sides), so gonode's end closes the connection",
		"read failed: "},
}

// root is the repository's root, from this package's directory.
const root = "../.."

// build builds gonode once for the whole test run.
var build = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "gonode-test")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "gonode")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	out, err := exec.Command("go", "build", "-o", bin, "../cmd/gonode").CombinedOutput()
	if err != nil {
		return "", errors.New("go build ../cmd/gonode: " + err.Error() + "\n" + string(out))
	}
	return bin, nil
})

func gonodeBin(t *testing.T) string {
	t.Helper()
	bin, err := build()
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bin, err := build(); err == nil {
		os.RemoveAll(filepath.Dir(bin))
	}
	os.Exit(code)
}

func nodeBin(t *testing.T) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not on PATH, so there is nothing to compare gonode with; .ci/run installs it (apt-get install nodejs)")
	}
	if os.Getenv("WINEPREFIX") != "" {
		t.Skip("under Wine there is no Windows node to compare gonode with")
	}
	return node
}

// TestConformanceFilesMatchNode runs each of final/node/conformance's
// JavaScript cases on node and on gonode and compares the runs.
func TestConformanceFilesMatchNode(t *testing.T) {
	node := nodeBin(t)
	bin := gonodeBin(t)
	files, err := filepath.Glob(filepath.Join(root, "final/node/conformance/js/*.js"))
	if err != nil || len(files) < 60 {
		t.Fatalf("%d conformance files (%v), want at least 60", len(files), err)
	}
	var mu sync.Mutex
	matched := 0
	skipped := 0
	compare.InParallel(parallel, files, func(file string) {
		name := strings.TrimSuffix(filepath.Base(file), ".js")
		if _, ok := cannotRun["final/node/conformance/js/"+name+".js"]; ok {
			mu.Lock()
			skipped++
			mu.Unlock()
			return // checked by TestFilesGonodeCannotRun
		}
		// A timing case can come out otherwise on a loaded machine, on
		// node as on gonode; a pair that differs is run again, twice at
		// most, and only a difference every time fails.
		var msg string
		for attempt := 1; attempt <= 3; attempt++ {
			js := run(t, "", nil, node, file)
			g := run(t, "", nil, bin, file)
			if msg = compare.Diff(name, "gonode", js, g, isSet(name), stderrCases[name]); msg == "" {
				break
			}
			t.Logf("attempt %d of 3: %s", attempt, msg)
		}
		if msg != "" {
			t.Error(msg)
			return
		}
		mu.Lock()
		matched++
		mu.Unlock()
	})
	t.Logf("%d of %d conformance files print on gonode what they print on node; %d cannot run on gonode (TestFilesGonodeCannotRun says why)",
		matched, len(files), skipped)
}

// TestExampleFilesMatchNode runs each example.js of final/examples on
// gonode, in its directory, against the delay server, and holds the run
// to the example's trace.spec on main's lines with the exit status its
// exit-status file gives: exactly what final/examples holds node's run
// to (their lines are not compared one for one: pool threads and the
// network make the order of some lines vary on node too).
func TestExampleFilesMatchNode(t *testing.T) {
	nodeBin(t)
	bin := gonodeBin(t)
	server := delaytest.Start(t)
	env := append(os.Environ(), delayserver.EnvAddr+"="+server)
	files, err := filepath.Glob(filepath.Join(root, "final/examples/*/example.js"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no example.js (%v)", err)
	}
	for _, file := range files {
		dir := filepath.Dir(file)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			if why, ok := cannotRun[filepath.ToSlash(strings.TrimPrefix(file, root+"/"))]; ok {
				t.Skip("gonode cannot run it: " + why.why)
			}
			status := 0
			if b, err := os.ReadFile(filepath.Join(dir, "exit-status")); err == nil {
				status, _ = strconv.Atoi(strings.TrimSpace(string(b)))
			}
			spec, err := os.ReadFile(filepath.Join(dir, "trace.spec"))
			if err != nil {
				t.Fatal(err)
			}
			g := run(t, dir, env, bin, "example.js")
			out := strings.Join(g.Stdout, "\n") + "\n"
			if g.Code != status {
				t.Fatalf("gonode example.js: exit status %d, want %d (node's)\n%s\nstderr:\n%s", g.Code, status, out, g.Stderr)
			}
			if err := trace.CheckText(string(spec), out, trace.OnlyThreads("main")); err != nil {
				t.Fatalf("gonode's run of %s does not satisfy its trace.spec on main's lines: %v\n%s\nstderr:\n%s", file, err, out, g.Stderr)
			}
		})
	}
}

// TestFilesGonodeCannotRun checks that each file in cannotRun still
// fails on gonode for the reason given (its output, on stdout or stderr,
// says so; a run that waits for what never comes is stopped after 10 s),
// so that the list stays true.
func TestFilesGonodeCannotRun(t *testing.T) {
	bin := gonodeBin(t)
	server := delaytest.Start(t)
	env := append(os.Environ(), delayserver.EnvAddr+"="+server)
	for file, why := range cannotRun {
		path := filepath.Join(root, file)
		g := runFor(t, 10*time.Second, filepath.Dir(path), env, bin, filepath.Base(path))
		out := strings.Join(g.Stdout, "\n") + "\n" + g.Stderr
		if g.Code == 0 || !strings.Contains(out, why.says) {
			t.Errorf("%s: gonode exited %d with\n%s\nbut cannotRun says it fails because %s (%q)", file, g.Code, out, why.why, why.says)
		} else {
			t.Logf("%s: cannot run on gonode: %s", file, why.why)
		}
	}
}

// parallel is how many files run at once: their programs mostly wait.
const parallel = 4

// run runs prog with args in dir and returns what it printed.
func run(t *testing.T, dir string, env []string, prog string, args ...string) compare.Run {
	return runFor(t, 30*time.Second, dir, env, prog, args...)
}

// runFor is run, killing the program after limit.
func runFor(t *testing.T, limit time.Duration, dir string, env []string, prog string, args ...string) compare.Run {
	r, err := compare.Program(limit, dir, env, prog, args...)
	if err != nil {
		t.Errorf("%s %s: %v", prog, args, err)
	}
	return r
}
