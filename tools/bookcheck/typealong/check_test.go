package typealong

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// write creates the files of a small book root: path to content.
func write(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, c := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

const oldX = `package main

func a() {}

// ANCHOR: b
func b() {}

// ANCHOR_END: b
`

const newX = `package main

import "fmt"

// ANCHOR: top
// T is a type.
type T int

// ANCHOR_END: top

func a() {}

// ANCHOR: b
func b() {
	// ANCHOR: part
	fmt.Println()
	// ANCHOR_END: part
}

// ANCHOR_END: b

// ANCHOR: c
func (T) c() {}

// ANCHOR_END: c
`

// TestCheck gives Check placements that hold and placements that have gone
// stale, and wants each stale one refused with the reason.
func TestCheck(t *testing.T) {
	root := write(t, map[string]string{
		"chapters/01-a/x.go": oldX,
		"chapters/02-b/x.go": newX,
		"chapters/02-b/y.go": "package main\n\n// ANCHOR: y\nfunc y() {}\n\n// ANCHOR_END: y\n",
	})
	cases := []struct {
		file, anchor, placement, err string
	}{
		{"x.go", "top", "*In `x.go`, after the imports:*", ""},
		{"x.go", "top", "*In `x.go`, at the top:*", ""},
		{"x.go", "c", "*In `x.go`, after `b`:*", ""},
		{"x.go", "b", "*In `x.go`, in place of `b`, after `a`, before `T.c`:*", ""},
		{"x.go", "part", "*In `x.go`, inside `b`:*", ""},
		{"y.go", "y", "*In `y.go`, a new file, after the imports:*", "has none before"},
		{"y.go", "y", "*In `y.go`, a new file, at the top:*", ""},
		{"x.go", "c", "*In `chapters/02-b/x.go`, after `b`:*", ""},

		{"x.go", "c", "", "no placement line"},
		{"x.go", "c", "*In x.go, after b:*", "want *In `FILE`"},
		{"x.go", "c", "*In `y.go`, after `b`:*", "names y.go, but the listing is of chapters/02-b/x.go"},
		{"x.go", "c", "*In `x.go`, after `a`:*", "the declaration before the listing is b"},
		{"x.go", "c", "*In `x.go`, after `gone`:*", "the declaration before the listing is b"},
		{"x.go", "b", "*In `x.go`, before `a`:*", "the declaration after the listing is T.c"},
		{"x.go", "c", "*In `x.go`, at the top:*", "but T comes before the listing"},
		{"x.go", "c", "*In `x.go`, a new file:*", "chapters/01-a has it"},
		{"x.go", "c", "*In `x.go`, inside `a`:*", "placement says inside a"},
		{"x.go", "c", "*In `x.go`, in place of `T.c`:*", "declares no T.c"},
		{"x.go", "b", "*In `x.go`, unchanged:*", "lacks lines of b"},
		{"x.go", "c", "*In `x.go`, somewhere:*", "unknown clause"},
	}
	for _, c := range cases {
		ls := Listing{Path: "chapters/02-b/" + c.file, Anchor: c.anchor, Placement: c.placement}
		err := Check(root, ls, "chapters/01-a")
		switch {
		case c.err == "" && err != nil:
			t.Errorf("%s:%s %q: %v", c.file, c.anchor, c.placement, err)
		case c.err != "" && err == nil:
			t.Errorf("%s:%s %q: accepted, want an error saying %q", c.file, c.anchor, c.placement, c.err)
		case c.err != "" && !strings.Contains(err.Error(), c.err):
			t.Errorf("%s:%s %q: %v, want %q", c.file, c.anchor, c.placement, err, c.err)
		}
	}
}

// TestUnshownAndRemoved checks the lists of what no listing shows and what
// the reader deletes, on the small root.
func TestUnshownAndRemoved(t *testing.T) {
	root := write(t, map[string]string{
		"chapters/01-a/x.go":      oldX,
		"chapters/01-a/gone.go":   "package main\n",
		"chapters/02-b/x.go":      newX,
		"chapters/02-b/y.go":      "package main\n\nfunc y() {}\n",
		"chapters/02-b/y_test.go": "package main\n",
	})
	got, err := Unshown(root, "chapters/02-b", "chapters/01-a", map[string][]string{"chapters/02-b/x.go": {"b"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := "x.go: T|x.go: T.c|y.go"; strings.Join(got, "|") != want {
		t.Errorf("Unshown = %q, want %s", strings.Join(got, "|"), want)
	}
	removed, err := Removed(root, "chapters/02-b", "chapters/01-a")
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) != 1 || removed[0] != "gone.go" {
		t.Errorf("Removed = %q, want [gone.go]", removed)
	}
}
