package trace

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// edit applies replacements to s; each old text must occur exactly once,
// so that a test cannot silently stop changing anything.
func edit(t *testing.T, s string, oldNew ...string) string {
	t.Helper()
	for i := 0; i < len(oldNew); i += 2 {
		if n := strings.Count(s, oldNew[i]); n != 1 {
			t.Fatalf("edit: %q occurs %d times", oldNew[i], n)
		}
		s = strings.Replace(s, oldNew[i], oldNew[i+1], 1)
	}
	return s
}

func TestExampleValid(t *testing.T) {
	spec := readFile(t, "example.spec")
	run1 := readFile(t, "example.trace")
	run2 := readFile(t, "example2.trace")
	tests := []struct {
		name  string
		trace string
		opts  []Option
	}{
		{"run 1", run1, nil},
		{"run 2, another interleaving", run2, nil},
		{"run 2 with CRLF line endings", strings.ReplaceAll(run2, "\n", "\r\n"), nil},
		{"run 1 with trailing spaces", strings.ReplaceAll(run1, "\n", "  \n"), nil},
		{"only main", run1, []Option{OnlyThreads("main")}},
		{"only main, pool lines removed", dropThreads(run2, "pool", "epoll"), []Option{OnlyThreads("main")}},
		{"only the pool", run2, []Option{OnlyThreads("pool0", "pool1", "pool2", "pool3")}},
		{"no ticks at all", dropLines(run1, "TICK"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := CheckText(spec, tt.trace, tt.opts...); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// dropLines removes the lines of s that contain any of subs.
func dropLines(s string, subs ...string) string {
	var out []string
	for _, l := range strings.SplitAfter(s, "\n") {
		keep := true
		for _, sub := range subs {
			keep = keep && !strings.Contains(l, sub)
		}
		if keep {
			out = append(out, l)
		}
	}
	return strings.Join(out, "")
}

func dropThreads(s string, prefixes ...string) string {
	var subs []string
	for _, p := range prefixes {
		subs = append(subs, "Thread: "+p)
	}
	return dropLines(s, subs...)
}

func TestExampleBroken(t *testing.T) {
	spec := readFile(t, "example.spec")
	run1 := readFile(t, "example.trace")
	tests := []struct {
		name    string
		trace   string
		opts    []Option
		wantErr string
	}{
		{
			name:    "dropped line",
			trace:   dropLines(run1, "Timer 1 fired"),
			wantErr: `line 22 "Thread: main\t No more work, exiting": entry "fin" must come after "fired", which has not been printed yet`,
		},
		{
			name:    "line printed twice",
			trace:   edit(t, run1, "Timer 1 fired\n", "Timer 1 fired\nThread: main\t Timer 1 fired\n"),
			wantErr: `line 23 "Thread: main\t Timer 1 fired": matches no remaining spec entry ("fired" already matched line 22)`,
		},
		{
			name:    "extra line",
			trace:   edit(t, run1, "Thread: epoll\t woke up with 1 events\nThread: main\t ===== TICK 2", "Thread: pool3\t received a task of type: Close\nThread: main\t ===== TICK 2"),
			wantErr: `line 6 "Thread: pool3\t received a task of type: Close": matches no spec entry; nearest is entry "read.in" (line 5 of spec): "received a task of type: File read"`,
		},
		{
			name: "two lines of main swapped",
			trace: edit(t, run1,
				"Thread: main\t Encrypted: 9f86d081884c7d65\n", "",
				"Thread: main\t Timer 1 fired\n", "Thread: main\t Timer 1 fired\nThread: main\t Encrypted: 9f86d081884c7d65\n"),
			wantErr: `line 21 "Thread: main\t Timer 1 fired": entry "fired" must come after "encrypted", which has not been printed yet`,
		},
		{
			name:    "line on the wrong thread",
			trace:   edit(t, run1, "Thread: main\t Registered", "Thread: pool1\t Registered"),
			wantErr: `line 3 "Thread: pool1\t Registered timer event id: 1": matches no spec entry; the text fits entry "reg" (line 4 of spec), but that is printed by thread main`,
		},
		{
			name: "cross-thread order broken",
			trace: edit(t, run1,
				"Thread: pool0\t received a task of type: Encrypt\n", "",
				"Thread: main\t ===== TICK 2 =====\n", "Thread: main\t ===== TICK 2 =====\nThread: pool0\t received a task of type: Encrypt\n"),
			wantErr: `line 8 "Thread: pool0\t received a task of type: Encrypt": entry "enc.in" must come after "file", which has not been printed yet`,
		},
		{
			name:    "task finished on another pool thread",
			trace:   edit(t, run1, "Thread: pool0\t finished", "Thread: pool3\t finished"),
			wantErr: `line 16 "Thread: pool3\t finished running a task of type: Encrypt.": entry "enc.out" would need {b} = "3", but line 14 set {b} = "0"`,
		},
		{
			name:    "first broken",
			trace:   "Thread: epoll\t woke up with 1 events\n" + run1,
			wantErr: `line 1 "Thread: epoll\t woke up with 1 events": entry "wake" cannot be first: "start" must be first`,
		},
		{
			name:    "last broken",
			trace:   run1 + "Thread: epoll\t woke up with 1 events\n",
			wantErr: `line 23 "Thread: main\t No more work, exiting": entry "fin" must be last`,
		},
		{
			name:    "tick skipped",
			trace:   edit(t, run1, "TICK 3", "TICK 4"),
			wantErr: `line 15 "Thread: main\t ===== TICK 4 =====": entry "tick": {n} must count 1, 2, 3, ...: got 4 after 2`,
		},
		{
			name:    "ticks out of order",
			trace:   edit(t, run1, "TICK 1", "TICK X", "TICK 2", "TICK 1", "TICK X", "TICK 2"),
			wantErr: `line 4 "Thread: main\t ===== TICK 2 =====": entry "tick": {n} must count 1, 2, 3, ...: got 2 first`,
		},
		{
			name:    "tick not a number",
			trace:   edit(t, run1, "TICK 5", "TICK five"),
			wantErr: `entry "tick": {n} is "five", not a number`,
		},
		{
			name:    "wrong line in a content block",
			trace:   edit(t, run1, "Hello world!", "Hello World!"),
			wantErr: `line 9 "===== THREAD main START CONTENT - FILE READ =====": matches no spec entry; nearest is entry "file", whose line 2 (spec line 8) is "Hello world! This is a text to encrypt!" where the output has "Hello World! This is a text to encrypt!"`,
		},
		{
			name:    "content block missing a line",
			trace:   dropLines(run1, "Abbreviated"),
			wantErr: `line 9 "===== THREAD main START CONTENT - FILE READ =====": matches no spec entry; nearest is entry "file", whose line 3`,
		},
		{
			name:    "unterminated content block",
			trace:   dropLines(run1, "END CONTENT"),
			wantErr: `line 9: content block is never closed by "===== END CONTENT ====="`,
		},
		{
			name:    "space instead of tab",
			trace:   edit(t, run1, "Thread: main\t Registered", "Thread: main  Registered"),
			wantErr: `line 3: malformed thread line`,
		},
		{
			name:    "only main: main lines swapped",
			trace:   edit(t, dropThreads(run1, "pool", "epoll"), "TICK 1", "TICK X", "TICK 2", "TICK 1", "TICK X", "TICK 2"),
			opts:    []Option{OnlyThreads("main")},
			wantErr: `got 2 first`,
		},
		{
			name:    "empty output",
			trace:   "",
			wantErr: `spec entries "start" (line 3 of spec), "reg" (line 4 of spec),`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckText(spec, tt.trace, tt.opts...)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("got error\n\t%v\nwant one containing\n\t%s", err, tt.wantErr)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name    string
		spec    string
		trace   string
		opts    []Option
		wantErr string // "" means the trace satisfies the spec
	}{
		{
			name:    "entry never printed",
			spec:    "a main one\nb main two\n",
			trace:   "Thread: main\t one\n",
			wantErr: `spec entry "b" (line 2 of spec) was never printed`,
		},
		{
			name:  "free order without rules",
			spec:  "a main one\nb pool0 two\n",
			trace: "Thread: pool0\t two\nThread: main\t one\n",
		},
		{
			name: "backtracking: the first choice fails later",
			spec: "a main go {x}\nb main go {y}\nc main done {x}\n",
			trace: "Thread: main\t go 1\nThread: main\t go 2\n" +
				"Thread: main\t done 2\n",
		},
		{
			name: "global placeholder binds thread and text",
			spec: "in pool{p} start {job}\nout pool{p} end {job}\n",
			trace: "Thread: pool3\t start encrypt\n" +
				"Thread: pool3\t end encrypt\n",
		},
		{
			name:    "global placeholder mismatch in text",
			spec:    "in pool{p} start {job}\nout pool{p} end {job}\n",
			trace:   "Thread: pool3\t start encrypt\nThread: pool3\t end decrypt\n",
			wantErr: `entry "out" would need {job} = "decrypt", but line 1 set {job} = "encrypt"`,
		},
		{
			name:  "placeholders in repeatable entries are local",
			spec:  "x* pool{p} tick {n}\n",
			trace: "Thread: pool1\t tick 7\nThread: pool2\t tick 3\n",
		},
		{
			name:  "{name} takes no spaces, {name...} takes anything",
			spec:  "a main [{w}] [{rest...}] [{empty...}]\n",
			trace: "Thread: main\t [one] [two three] []\n",
		},
		{
			name:    "{name} does not match a space",
			spec:    "a main [{w}]\n",
			trace:   "Thread: main\t [one two]\n",
			wantErr: `matches no spec entry`,
		},
		{
			name:    "{name} does not match empty text",
			spec:    "a main [{w}]\n",
			trace:   "Thread: main\t []\n",
			wantErr: `matches no spec entry`,
		},
		{
			name:  "escaped braces",
			spec:  "a main {{literal}} {x} }}\n",
			trace: "Thread: main\t {literal} 5 }\n",
		},
		{
			name:  "anonymous placeholders bind nothing",
			spec:  "a main got {_}\nb main got {_}\n",
			trace: "Thread: main\t got 1\nThread: main\t got 2\n",
		},
		{
			name:  "group order",
			spec:  "a main A\nb main B\nc pool0 C\nd pool1 D\norder {a b} < {c d}\n",
			trace: "Thread: main\t B\nThread: main\t A\nThread: pool1\t D\nThread: pool0\t C\n",
		},
		{
			name:    "group order broken",
			spec:    "a main A\nb main B\nc pool0 C\nd pool1 D\norder {a b} < {c d}\n",
			trace:   "Thread: main\t B\nThread: pool1\t D\nThread: main\t A\nThread: pool0\t C\n",
			wantErr: `line 2 "Thread: pool1\t D": entry "d" must come after "a", which has not been printed yet`,
		},
		{
			name:    "repeatable entry ordered after another",
			spec:    "a main A\nt* pool0 T\norder a < t\n",
			trace:   "Thread: pool0\t T\nThread: main\t A\n",
			wantErr: `line 1 "Thread: pool0\t T": entry "t" must come after "a", which has not been printed yet`,
		},
		{
			name:    "repeatable entry ordered before another",
			spec:    "a main A\nt* pool0 T\norder t < a\n",
			trace:   "Thread: pool0\t T\nThread: main\t A\nThread: pool0\t T\n",
			wantErr: `line 3 "Thread: pool0\t T": entry "t" must come before "a", which was printed at line 2`,
		},
		{
			name: "only main: order kept through another thread",
			spec: "a main A\np pool{x} P\nb main B\norder a < p < b\n",
			trace: "Thread: main\t B\nThread: pool1\t P\n" +
				"Thread: main\t A\n",
			opts:    []Option{OnlyThreads("main")},
			wantErr: `line 1 "Thread: main\t B": entry "b" must come after "a", which has not been printed yet`,
		},
		{
			name: "only main: other threads are ignored",
			spec: "a main A\np pool{x} P\nb main B\norder a < p < b\n",
			trace: "Thread: pool1\t something else entirely\n" +
				"Thread: main\t A\nThread: main\t B\n",
			opts: []Option{OnlyThreads("main")},
		},
		{
			name:    "no order through a repeatable entry",
			spec:    "a main A\nt* pool0 T\nb main B\norder a < t < b\n",
			trace:   "Thread: main\t B\nThread: main\t A\n",
			opts:    []Option{OnlyThreads("main")},
			wantErr: "",
		},
		{
			name:    "search bound",
			spec:    "x1* main {a}\nx2* main {b}\ny main z\n",
			trace:   strings.Repeat("Thread: main\t w\n", 30),
			opts:    []Option{MaxBacktracks(1000)},
			wantErr: `gave up after 1000 backtracks; the furthest failure: spec entry "y" (line 3 of spec) was never printed`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckText(tt.spec, tt.trace, tt.opts...)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("got error\n\t%v\nwant one containing\n\t%s", err, tt.wantErr)
			}
		})
	}
}

func TestCheckFiles(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.trace")
	os.WriteFile(bad, []byte("Thread: main\t First call to read test.txt\n"), 0o666)
	spec := filepath.Join("testdata", "example.spec")
	if err := CheckFiles(spec, filepath.Join("testdata", "example.trace")); err != nil {
		t.Fatal(err)
	}
	err := CheckFiles(spec, bad)
	if err == nil || !strings.HasPrefix(err.Error(), bad+": line 1 ") {
		t.Fatalf("CheckFiles = %v, want an error naming %s", err, bad)
	}
}

// TestAnyTextStopsAtTheEndOfALine: {rest...} takes spaces, but not a
// line break, so it never swallows the lines of a content block.
func TestAnyTextStopsAtTheEndOfALine(t *testing.T) {
	p, err := compile("START {rest...}")
	if err != nil {
		t.Fatal(err)
	}
	if !newMatcher().match(p, "START one two") {
		t.Error("{rest...} did not take a line's spaces")
	}
	if newMatcher().match(p, "START one\ntwo") {
		t.Error("{rest...} took two lines")
	}
}

// TestBacktrackingUndoesACounter: the checker first pairs "tick 2" with
// the counted entry, finds that "mid" then breaks an order, and takes
// the pairing back, counter included; the second "tick 2" is then the
// counter's 2. A counter left at 2 would refuse it.
func TestBacktrackingUndoesACounter(t *testing.T) {
	const spec = `t*   main  tick {n}
x    main  tick 2
m    main  mid
order x < m
increasing t n
`
	const run = "Thread: main\t tick 1\nThread: main\t tick 2\nThread: main\t mid\nThread: main\t tick 2\n"
	if err := CheckText(spec, run); err != nil {
		t.Fatal(err)
	}
	if err := CheckText(spec, run+"Thread: main\t tick 2\n"); err == nil {
		t.Fatal("a third tick 2 satisfied the counter")
	}
}
