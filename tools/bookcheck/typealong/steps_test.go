package typealong

import (
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nodeexperiment/gonode/tools/internal/steps"
)

// TestTheStepPagesBuildTheirSteps checks every Go listing of the
// Going-further pages (steps/steps.txt names each page's step): it is of
// the page's own step, it has a placement line, and the placement holds
// against the previous step, the copy the reader starts from.
func TestTheStepPagesBuildTheirSteps(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	m, err := steps.ReadManifest(root)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for i, s := range m.Steps {
		ls, err := Listings(filepath.Join(root, filepath.FromSlash(s.Page)))
		if err != nil {
			t.Fatal(err)
		}
		prev := ""
		if i > 0 {
			prev = m.Steps[i-1].Dir
		}
		for _, l := range ls {
			if strings.HasPrefix(l.Path, "exercises/") {
				continue // an exercise's starting point, not the step's code
			}
			n++
			if err := FromStep(l, s.Dir); err != nil {
				t.Errorf("%s:%d: %v", s.Page, l.Line, err)
				continue
			}
			if err := Check(root, l, prev); err != nil {
				sug, _ := Suggest(root, l, prev)
				t.Errorf("%s:%d: %v\n\tperhaps: %s", s.Page, l.Line, err, sug)
			}
		}
	}
	t.Logf("%d listings of %d steps placed", n, len(m.Steps))
}

// TestNoStepListingShownTwice fails when two Go listings of the
// Going-further pages show the same lines: the same anchor twice, or one
// step's copy of code another page already showed.
func TestNoStepListingShownTwice(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	m, err := steps.ReadManifest(root)
	if err != nil {
		t.Fatal(err)
	}
	var all []Listing
	for _, s := range m.Steps {
		ls, err := Listings(filepath.Join(root, filepath.FromSlash(s.Page)))
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range ls {
			if !strings.HasPrefix(l.Path, "exercises/") {
				all = append(all, l)
			}
		}
	}
	twice, err := ShownTwice(root, all)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range twice {
		t.Error(d)
	}
}

// TestFromStepRefusesAnotherStep is FromStep's negative case.
func TestFromStepRefusesAnotherStep(t *testing.T) {
	l := Listing{Path: "steps/09-queues/loop/process.go", Anchor: "tick"}
	if err := FromStep(l, "steps/09-queues"); err != nil {
		t.Errorf("its own step: %v", err)
	}
	for _, dir := range []string{"steps/08-timers", "steps/09-queue", "final"} {
		if err := FromStep(l, dir); err == nil {
			t.Errorf("a listing of steps/09-queues on the page of %s passed", dir)
		}
	}
}

// TestShownTwiceIsCaught gives ShownTwice the same anchor in two steps'
// copies of a file, and a different one: it names the second listing of
// the same lines, and only it.
func TestShownTwiceIsCaught(t *testing.T) {
	root := t.TempDir()
	src := "package p\n\n// ANCHOR: a\nfunc F() {}\n// ANCHOR_END: a\n\n// ANCHOR: b\nfunc G() {}\n// ANCHOR_END: b\n"
	for _, d := range []string{"steps/01-a", "steps/02-b"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, d, "p.go"), []byte(src), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	ls := []Listing{
		{Page: "a.md", Line: 1, Path: "steps/01-a/p.go", Anchor: "a"},
		{Page: "b.md", Line: 2, Path: "steps/02-b/p.go", Anchor: "b"},
		{Page: "b.md", Line: 3, Path: "steps/02-b/p.go", Anchor: "a"},
	}
	got, err := ShownTwice(root, ls)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], "b.md:3 shows steps/02-b/p.go:a, the same lines as a.md:1") {
		t.Errorf("ShownTwice = %q, want the third listing named once", got)
	}
}

// TestStepBuildSectionsNameWhatIsNotShown holds each Going-further page's
// "Build it yourself" section to what the reader must take from the step
// rather than type: what the step has (or has otherwise) over the
// previous step and no listing shows, and what the previous step has and
// this one no longer does. final/ is the last step.
func TestStepBuildSectionsNameWhatIsNotShown(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	m, err := steps.ReadManifest(root)
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range m.Steps {
		page := filepath.Join(root, filepath.FromSlash(s.Page))
		b, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		shown := map[string][]string{}
		for _, mm := range anyInclude.FindAllStringSubmatch(string(b), -1) {
			shown[mm[1]] = append(shown[mm[1]], mm[2])
		}
		prev := ""
		if i > 0 {
			prev = m.Steps[i-1].Dir
		}
		missing, err := Unshown(root, s.Dir, prev, shown)
		if err != nil {
			t.Fatal(err)
		}
		var removed []string
		if prev != "" {
			if removed, err = Removed(root, s.Dir, prev); err != nil {
				t.Fatal(err)
			}
		}
		section := buildSection(t, page)
		for _, want := range append(missing, removed...) {
			file, name, isDecl := strings.Cut(want, ": ")
			w := "`" + path.Base(file) + "`"
			if isDecl {
				w = "`" + name + "`"
			}
			if !strings.Contains(section, w) {
				t.Errorf("%s: %s differs from %s in %s, which no listing shows and \"Build it yourself\" does not name (%s)", s.Page, s.Dir, prev, want, w)
			}
		}
	}
}
