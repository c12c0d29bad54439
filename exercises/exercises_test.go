//go:build !exercises

// Package exercises holds the book's exercises, one directory each. Their
// code and tests are behind the build tag "exercises", so that go test
// ./... (make test) does not run a reader's unsolved answers; this test,
// which is not, checks the starting points themselves: each must fail its
// tests, saying what is missing. The starting points it checks are the
// committed copies in each directory's testdata/start, put in place of the
// exercise_*.go files with go test -overlay, so that a reader who solves an
// exercise in place does not turn make test red. make exercise-solutions
// checks that the reference solutions pass the same tests.
package exercises

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// notDone is what every starting point's failure says.
const notDone = "exercise: not done yet"

// event is one line of go test -json.
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

// TestStartingPointsFail runs the tests of every exercise against its
// starting point (the copy in testdata/start, see startOverlay) and checks
// that each exercise directory fails, that
// every test that fails says "exercise: not done yet" (a test may pass: it
// guards what the starting point already does right), and that for each
// exercise_x.go at least one test named TestX… fails.
func TestStartingPointsFail(t *testing.T) {
	dirs, err := filepath.Glob("[0-9][0-9]-*")
	steps, _ := filepath.Glob("step[0-9][0-9]-*") // the Going-further steps' exercises
	dirs = append(dirs, steps...)
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no exercises found (%v)", err)
	}
	var pkgs []string
	for _, d := range dirs {
		if d == "01-poll" && runtime.GOOS != "linux" {
			t.Logf("skipping %s: it is an exercise on the epoll backend, which only Linux has", d)
			continue
		}
		if d == "06-uring" && runtime.GOOS != "linux" {
			t.Logf("skipping %s: it is an exercise on io_uring, which only Linux has", d)
			continue
		}
		pkgs = append(pkgs, "./"+d)
	}
	overlay := startOverlay(t, pkgs)
	cmd := exec.Command("go", append([]string{"test", "-count=1", "-json", "-tags", "exercises", "-overlay", overlay}, pkgs...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err == nil {
		t.Fatalf("go test -tags exercises %s passed: a starting point already solves its exercise", strings.Join(pkgs, " "))
	}
	if _, ok := err.(*exec.ExitError); !ok {
		t.Fatalf("go test: %v\n%s", err, stderr.String())
	}
	type result struct {
		failed, passed, skipped []string
		output                  map[string]string // by test
		pkgFailed               bool
	}
	results := map[string]*result{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var ev event
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			t.Fatalf("go test -json printed %q: %v", sc.Text(), err)
		}
		name := ev.Package[strings.LastIndex(ev.Package, "/")+1:]
		r := results[name]
		if r == nil {
			r = &result{output: map[string]string{}}
			results[name] = r
		}
		switch {
		case ev.Action == "output":
			r.output[ev.Test] += ev.Output
		case ev.Action == "fail" && ev.Test == "":
			r.pkgFailed = true
		case ev.Action == "fail" && !strings.Contains(ev.Test, "/"):
			r.failed = append(r.failed, ev.Test)
		case ev.Action == "pass" && ev.Test != "" && !strings.Contains(ev.Test, "/"):
			r.passed = append(r.passed, ev.Test)
		case ev.Action == "skip" && ev.Test != "" && !strings.Contains(ev.Test, "/"):
			r.skipped = append(r.skipped, ev.Test)
		}
	}
	for _, p := range pkgs {
		name := strings.TrimPrefix(p, "./")
		r := results[name]
		switch {
		case r == nil:
			t.Errorf("%s: go test printed nothing for it\n%s", name, stderr.String())
			continue
		case !r.pkgFailed && len(r.passed) == 0 && len(r.failed) == 0 && len(r.skipped) > 0:
			// Every test skipped: the system refuses what the exercise
			// needs (io_uring in 06), and each test said why.
			t.Logf("%s: every test skipped on this system, so its starting point is not checked here:\n%s", name, r.output[r.skipped[0]])
			continue
		case !r.pkgFailed:
			t.Errorf("%s: its tests pass on the starting point (passed: %v)", name, r.passed)
			continue
		case len(r.failed) == 0:
			t.Errorf("%s: fails with no test failing (does it build?):\n%s%s", name, r.output[""], stderr.String())
			continue
		}
		for _, test := range r.failed {
			if !strings.Contains(r.output[test], notDone) {
				t.Errorf("%s: %s fails without saying %q:\n%s", name, test, notDone, r.output[test])
			}
		}
		// Each exercise_x.go has tests named TestX… (in any case), and one
		// at least fails on the start.
		starts, _ := filepath.Glob(filepath.Join(name, "exercise_*.go"))
		if len(starts) == 0 {
			t.Errorf("%s: no exercise_*.go", name)
		}
		for _, start := range starts {
			x := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(start), "exercise_"), ".go")
			prefix := "Test" + x // compared ignoring case: TestReadMany for readmany
			if !slices.ContainsFunc(r.failed, func(s string) bool {
				return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
			}) {
				t.Errorf("%s: no test named %s… fails on the starting point of %s", name, prefix, start)
			}
		}
		checkBook(t, name, r.output, starts)
		slices.Sort(r.failed)
		t.Logf("%s: %d tests fail with %q (%s); %d pass on the start %v", name, len(r.failed), notDone,
			strings.Join(r.failed, ", "), len(r.passed), r.passed)
	}
}

// shown finds, in the book's pages, each exercise's check command and the
// include of the file that holds what it prints on the starting point,
// testdata/unsolved-NAME.txt in the exercise's directory.
var shown = regexp.MustCompile("```sh\ngo test -tags exercises -run (\\w+) \\./exercises/([\\w-]+)\n```\n\nwhich, on the starting point, prints\n\n```text\n\\{\\{#include \\.\\./(exercises/[\\w-]+/testdata/unsolved-\\w+\\.txt)\\}\\}\n```")

// duration is the time go test prints after a test's name.
var duration = regexp.MustCompile(`\(\d+\.\d+s\)`)

// checkBook checks that the book shows, for each of the exercises of
// directory name (starts are their exercise_*.go files), a command that
// runs it and lines that its run really printed (the time a test took
// aside).
func checkBook(t *testing.T, name string, output map[string]string, starts []string) {
	t.Helper()
	pages, err := filepath.Glob(filepath.Join("..", "book", "*.md"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no book pages (%v)", err)
	}
	var all strings.Builder
	for _, o := range output {
		all.WriteString(o)
	}
	printed := duration.ReplaceAllString(all.String(), "(…)")
	runs := map[string]bool{}
	for _, page := range pages {
		b, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.ReplaceAll(string(b), "\r\n", "\n") // a Windows checkout
		for _, m := range shown.FindAllStringSubmatch(text, -1) {
			if m[2] != name {
				continue
			}
			runs[strings.ToLower(m[1])] = true
			if want := "exercises/" + name + "/testdata/unsolved-" + strings.ToLower(m[1]) + ".txt"; m[3] != want {
				t.Errorf("%s shows %s for -run %s in %s; want %s", page, m[3], m[1], name, want)
				continue
			}
			b, err := os.ReadFile(filepath.Join("..", filepath.FromSlash(m[3])))
			if err != nil {
				t.Error(err)
				continue
			}
			for _, line := range strings.Split(strings.TrimSpace(strings.ReplaceAll(string(b), "\r\n", "\n")), "\n") {
				if !strings.Contains(printed, duration.ReplaceAllString(line, "(…)")) {
					t.Errorf("%s (shown by %s) has this line for -run %s in %s, and the run did not print it:\n%s", m[3], page, m[1], name, line)
				}
			}
		}
	}
	for _, start := range starts {
		x := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(start), "exercise_"), ".go")
		if !runs[x] {
			t.Errorf("no book page shows the run of %s (go test -tags exercises -run …, then what it prints)", start)
		}
	}
}

// startOverlay writes a go build overlay that puts, in place of each
// exercise_x.go of the directories pkgs, its starting point: the committed
// copy testdata/start/exercise_x.go. A reader's answer in exercise_x.go
// therefore never changes what this test checks. The copies must be the
// starting points the reader is given: where git says that exercise_x.go
// is as committed, it must equal its copy byte for byte (without git, or in
// a reader's edited file, that check is left out, and the test says so).
func startOverlay(t *testing.T, pkgs []string) string {
	t.Helper()
	replace := map[string]string{}
	for _, p := range pkgs {
		dir := strings.TrimPrefix(p, "./")
		starts, _ := filepath.Glob(filepath.Join(dir, "exercise_*.go"))
		copies, _ := filepath.Glob(filepath.Join(dir, "testdata", "start", "*.go"))
		for _, c := range copies {
			if !slices.Contains(starts, filepath.Join(dir, filepath.Base(c))) {
				t.Errorf("%s has no %s to be the starting point of", c, filepath.Join(dir, filepath.Base(c)))
			}
		}
		for _, start := range starts {
			copyPath := filepath.Join(dir, "testdata", "start", filepath.Base(start))
			want, err := os.ReadFile(copyPath)
			if err != nil {
				t.Errorf("%s: no committed starting point to check (%v)", start, err)
				continue
			}
			got, err := os.ReadFile(start)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				switch edited, err := editedSinceCommit(start); {
				case err != nil:
					t.Logf("%s differs from its starting point %s; checking the starting point (git cannot say whether the file was edited: %v)", start, copyPath, err)
				case edited:
					t.Logf("%s differs from its starting point %s, as an answer does: checking the starting point (make exercises checks your answer)", start, copyPath)
				default:
					t.Errorf("%s is as committed, yet differs from its copy %s: the two must be the same starting point (copy it over)", start, copyPath)
				}
			}
			abs, err := filepath.Abs(start)
			if err != nil {
				t.Fatal(err)
			}
			absCopy, err := filepath.Abs(copyPath)
			if err != nil {
				t.Fatal(err)
			}
			replace[abs] = absCopy
		}
	}
	b, err := json.Marshal(map[string]any{"Replace": replace})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "overlay.json")
	if err := os.WriteFile(path, b, 0o666); err != nil {
		t.Fatal(err)
	}
	return path
}

// editedSinceCommit tells whether git sees file changed since the last
// commit. It fails where there is no git or no repository (a copy of the
// tree without its history).
func editedSinceCommit(file string) (bool, error) {
	cmd := exec.Command("git", "diff", "--quiet", "HEAD", "--", filepath.Base(file))
	cmd.Dir = filepath.Dir(file)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return false, nil
	case errors.As(err, &exit) && exit.ExitCode() == 1:
		return true, nil
	default:
		return false, fmt.Errorf("git diff: %v %s", err, strings.TrimSpace(stderr.String()))
	}
}

// TestUringCopiesMatchFinal checks that the copies in 06-uring of
// final/uring's files that the exercise does not change are still the
// same files, past their build tag and the comment that says what they
// are (readfile_linux.go, which the exercise changes, is left out).
func TestUringCopiesMatchFinal(t *testing.T) {
	for _, name := range []string{"ring_linux.go", "uring.go"} {
		orig, err := os.ReadFile(filepath.Join("..", "final", "uring", name))
		if err != nil {
			t.Fatal(err)
		}
		cp, err := os.ReadFile(filepath.Join("06-uring", name))
		if err != nil {
			t.Fatal(err)
		}
		// Both past their //go:build line, if any; the copy also past its
		// comment.
		o, c := orig, cp
		if bytes.HasPrefix(o, []byte("//go:build ")) {
			_, o, _ = bytes.Cut(o, []byte("\n"))
		}
		_, c, _ = bytes.Cut(c, []byte("\n"))
		o, c = bytes.TrimPrefix(o, []byte("\n")), bytes.TrimPrefix(c, []byte("\n"))
		if bytes.HasPrefix(c, []byte("// This file is final/uring/")) {
			_, c, _ = bytes.Cut(c, []byte("\n\n"))
		}
		if !bytes.Equal(bytes.ReplaceAll(o, []byte("\r\n"), []byte("\n")), bytes.ReplaceAll(c, []byte("\r\n"), []byte("\n"))) {
			t.Errorf("exercises/06-uring/%s is no longer final/uring/%s past its header: copy it over again", name, name)
		}
	}
}
