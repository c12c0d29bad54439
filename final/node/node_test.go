package node_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/final/internal/looptest"
	"github.com/nodeexperiment/gonode/internal/delayserver"
	"github.com/nodeexperiment/gonode/internal/delayserver/delaytest"
	"github.com/nodeexperiment/gonode/internal/trace"
)

const (
	specFile   = "../trace.spec"
	nodeGolden = "node-output.txt"
	goGolden   = "go-main-output.txt"
	comparison = "comparison.txt"
)

// main is the only thread Node's output has; it is also the thread
// whose lines both programs print.
var onlyMain = trace.OnlyThreads("main")

// TestSameProgramRealNode runs final's example and example.js at the same
// time, against one delay server, and checks both outputs against
// final/trace.spec: Node's on the main thread's lines, the only ones it
// has, and final's on every thread's. Both programs reach the
// server through a recording proxy, so the test also checks that they
// send the same request, byte for byte. With UPDATE_GOLDEN set it records
// the outputs for the book.
func TestSameProgramRealNode(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not on PATH, so example.js cannot run; .ci/run installs it (apt-get install nodejs)")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("go is not on PATH (go test puts GOROOT/bin there): %v", err)
	}
	spec, err := os.ReadFile(specFile)
	if err != nil {
		t.Fatal(err)
	}

	server := delaytest.Start(t)
	proxy := startRecorder(t, server)
	defer proxy.close()

	// Generous, only to catch a hang: each program takes about 3.5 s.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	env := append(os.Environ(), delayserver.EnvAddr+"="+proxy.addr())
	var goOut, nodeOut string
	var wg sync.WaitGroup
	wg.Go(func() {
		cmd := exec.CommandContext(ctx, node, "example.js")
		cmd.Env = env
		nodeOut = looptest.Output(t, cmd, 0)
	})
	// final is built while Node runs: the whole test then takes about
	// as long as the build and one run.
	wg.Go(func() {
		bin := filepath.Join(t.TempDir(), "final")
		if runtime.GOOS == "windows" {
			bin += ".exe"
		}
		if out, err := exec.CommandContext(ctx, goTool, "build", "-o", bin, "..").CombinedOutput(); err != nil {
			t.Errorf("go build ..: %v\n%s", err, out)
			return
		}
		cmd := exec.CommandContext(ctx, bin)
		cmd.Dir = ".." // final's test.txt, from the working directory
		cmd.Env = env
		goOut = looptest.Output(t, cmd, 0)
	})
	wg.Wait()
	if t.Failed() {
		return
	}

	// final's output has every thread's lines, and is held to all of
	// them, which implies main's.
	if err := trace.CheckText(string(spec), goOut); err != nil {
		t.Errorf("final's output does not satisfy %s: %v\n%s", specFile, err, goOut)
	}
	if err := trace.CheckText(string(spec), nodeOut, onlyMain); err != nil {
		t.Errorf("Node's output does not satisfy %s on main's lines: %v\n%s", specFile, err, nodeOut)
	}
	heads := proxy.requests()
	switch {
	case len(heads) != 2:
		t.Errorf("the delay server got %d requests, want 2 (one from each program): %q", len(heads), heads)
	case heads[0] != heads[1]:
		t.Errorf("the two programs sent different requests:\n%q\n%q", heads[0], heads[1])
	}
	if t.Failed() || os.Getenv("UPDATE_GOLDEN") == "" {
		return
	}
	goMain, err := mainLines(goOut)
	if err != nil {
		t.Fatal(err)
	}
	cmp, err := sideBySide(goMain, nodeOut)
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{nodeGolden: nodeOut, goGolden: goMain, comparison: cmp} {
		if err := os.WriteFile(name, []byte(text), 0o666); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", name)
	}
}

// TestGoldenFilesSatisfySpec checks the recorded outputs the book shows,
// and that comparison.txt was made from them.
func TestGoldenFilesSatisfySpec(t *testing.T) {
	for _, name := range []string{nodeGolden, goGolden} {
		if err := trace.CheckFiles(specFile, name, onlyMain); err != nil {
			t.Error(err)
		}
	}
	goMain, nodeOut, want := readFile(t, goGolden), readFile(t, nodeGolden), readFile(t, comparison)
	got, err := sideBySide(goMain, nodeOut)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("%s is not made from %s and %s; run UPDATE_GOLDEN=1 go test -count=1 ./final/node\ngot:\n%s\nwant:\n%s", comparison, goGolden, nodeGolden, got, want)
	}
}

// TestSpecRejectsBrokenNodeOutput makes sure that checking main's lines
// only is still a real check: the recorded Node output, changed as a
// wrong program or runtime would change it, must fail.
func TestSpecRejectsBrokenNodeOutput(t *testing.T) {
	spec, out := readFile(t, specFile), readFile(t, nodeGolden)
	for _, tc := range []struct {
		name   string
		broken string
	}{
		{"zero-delay timers swapped", trace.SwapLines(out, "Immediate1 timed out", "Immediate2 timed out")},
		{"nested timer before the 1000 ms one", trace.SwapLines(out, "SETTIMEOUT", "500ms timer(nested) timed out")},
		{"encryption before its read", trace.SwapLines(out, "First count: 39", `"Encrypted" number is`)},
		{"second registration line missing", trace.DropLine(out, "Registered timer event id: 3")},
		{"wrong magic number", strings.Replace(out, "63245986", "63245987", 1)},
		{"FINISHED missing", trace.DropLine(out, "FINISHED")},
	} {
		if tc.broken == out {
			t.Errorf("%s: %s lacks the lines to change", tc.name, nodeGolden)
			continue
		}
		if err := trace.CheckText(spec, tc.broken, onlyMain); err == nil {
			t.Errorf("%s: the changed output satisfied the spec", tc.name)
		} else {
			t.Logf("%s: rejected, as it should be: %v", tc.name, err)
		}
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// mainLines returns the main thread's lines and blocks of a trace, as the
// program printed them.
func mainLines(out string) (string, error) {
	recs, err := trace.ParseTrace(strings.NewReader(out))
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, r := range recs {
		switch {
		case r.Thread != "main":
		case strings.Contains(r.Text, "\n"):
			fmt.Fprintf(&b, "\n%s\n\n", r)
		default:
			fmt.Fprintf(&b, "%s\n", r)
		}
	}
	return b.String(), nil
}

// sideBySide lists the two programs' main-thread records after the last
// registration line of the synchronous part ("Event with id: ...
// registered."), without TICK lines, in two columns, and marks the rows
// where the two differ.
func sideBySide(goOut, nodeOut string) (string, error) {
	goRows, err := callbackRows(goOut)
	if err != nil {
		return "", fmt.Errorf("%s: %w", goGolden, err)
	}
	nodeRows, err := callbackRows(nodeOut)
	if err != nil {
		return "", fmt.Errorf("%s: %w", nodeGolden, err)
	}
	const width = 36
	var b strings.Builder
	fmt.Fprintf(&b, "   %-*s   %s\n", width, "final (Go)", "Node")
	for i := range max(len(goRows), len(nodeRows)) {
		g, n := at(goRows, i), at(nodeRows, i)
		mark := " "
		if g != n {
			mark = "*"
		}
		row := fmt.Sprintf("%s  %-*s   %s", mark, width, cut(g, width), cut(n, width))
		b.WriteString(strings.TrimRight(row, " ") + "\n")
	}
	return b.String(), nil
}

// callbackRows returns one short text per main-thread record after the
// synchronous part, TICK lines and final's event lines ("epoll event N is
// ready", which Node has no counterpart for) left out; a block is
// "[NAME block]".
func callbackRows(out string) ([]string, error) {
	recs, err := trace.ParseTrace(strings.NewReader(out))
	if err != nil {
		return nil, err
	}
	var rows []string
	started := false
	for _, r := range recs {
		switch {
		case r.Thread != "main" || strings.HasPrefix(r.Text, "===== TICK "):
		case eventLine.MatchString(r.Text):
		case !started:
			started = strings.HasPrefix(r.Text, "Event with id: ")
		case strings.Contains(r.Text, "\n"):
			header, _, _ := strings.Cut(r.Text, "\n")
			_, name, _ := strings.Cut(strings.TrimSuffix(header, " ====="), " - ")
			rows = append(rows, "["+name+" block]")
		default:
			rows = append(rows, r.Text)
		}
	}
	if !started {
		return nil, fmt.Errorf(`no "Event with id: ..." line`)
	}
	return rows, nil
}

// eventLine is the line final's loop thread prints for each event it
// takes from the event queue.
var eventLine = regexp.MustCompile(`^epoll event \d+ is ready$`)

func at(rows []string, i int) string {
	if i < len(rows) {
		return rows[i]
	}
	return ""
}

// cut shortens s to at most n bytes, ending in "..." when it cut.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n-3] + "..."
}

// A recorder is a TCP proxy in front of the delay server that keeps the
// head of every request it passes on.
type recorder struct {
	ln       net.Listener
	upstream string
	wg       sync.WaitGroup
	mu       sync.Mutex
	heads    []string // guarded by mu
}

func startRecorder(t *testing.T, upstream string) *recorder {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := &recorder{ln: ln, upstream: upstream}
	r.wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			r.wg.Go(func() { r.handle(c) })
		}
	})
	return r
}

func (r *recorder) addr() string { return r.ln.Addr().String() }

// handle reads a request's head, keeps it, sends it on, and copies the
// answer back.
func (r *recorder) handle(c net.Conn) {
	defer c.Close()
	br := bufio.NewReader(c)
	var head strings.Builder
	for {
		line, err := br.ReadString('\n')
		head.WriteString(line)
		if err != nil {
			return
		}
		if line == "\r\n" {
			break
		}
	}
	r.mu.Lock()
	r.heads = append(r.heads, head.String())
	r.mu.Unlock()
	up, err := net.Dial("tcp", r.upstream)
	if err != nil {
		return
	}
	defer up.Close()
	if _, err := io.WriteString(up, head.String()); err != nil {
		return
	}
	io.Copy(c, up)
}

func (r *recorder) requests() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.heads...)
}

// close stops accepting and waits for the connections in progress.
func (r *recorder) close() {
	r.ln.Close()
	r.wg.Wait()
}
