package typealong

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// chapterDir matches the snapshot directory of an include path.
var chapterDir = regexp.MustCompile(`^chapters/(\d\d)-[\w-]+`)

// previous returns the snapshot before the one that holds path, or "".
func previous(t *testing.T, root, p string) string {
	m := chapterDir.FindStringSubmatch(p)
	if m == nil {
		return ""
	}
	dirs, err := filepath.Glob(filepath.Join(root, "chapters", "[0-9][0-9]-*"))
	if err != nil {
		t.Fatal(err)
	}
	prev := ""
	for _, d := range dirs {
		rel := filepath.ToSlash(strings.TrimPrefix(d, root+string(filepath.Separator)))
		if rel == m[0] {
			return prev
		}
		prev = rel
	}
	return ""
}

// TestTheRealBooksPlacements checks every Go listing of chapters 01 to 04 (the pages
// book/0[1-4]-*.md) that shows a chapter's code or express/: each has a
// placement line, and the placement still holds of the code.
func TestTheRealBooksPlacements(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	pages, err := filepath.Glob(filepath.Join(root, "book", "0[1-4]-*.md"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no chapter pages (%v)", err)
	}
	n := 0
	for _, page := range pages {
		ls, err := Listings(page)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range ls {
			if !strings.HasPrefix(l.Path, "chapters/") && !strings.HasPrefix(l.Path, "express/") {
				continue
			}
			n++
			prev := previous(t, root, l.Path)
			if err := Check(root, l, prev); err != nil {
				s, _ := Suggest(root, l, prev)
				t.Errorf("%s:%d: %v\n\tperhaps: %s", filepath.Base(l.Page), l.Line, err, s)
			}
		}
	}
	t.Logf("%d listings placed", n)
}

// chapters are the snapshots, with the page that opens each and the pages
// that show its code.
var chapters = []struct{ dir, prev, first, pages string }{
	{"chapters/01-poll", "", "01-event-queue.md", "01-*.md"},
	{"chapters/02-threadpool", "chapters/01-poll", "02-thread-pool.md", "02-*.md"},
	{"chapters/03-runtime", "chapters/02-threadpool", "03-runtime.md", "03-*.md"},
	{"chapters/04-modules", "chapters/03-runtime", "04-modules.md", "04-*.md"},
}

// buildSection returns the "## Build it yourself" section of page.
func buildSection(t *testing.T, page string) string {
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(b), "\r\n", "\n")
	_, after, ok := strings.Cut(text, "\n## Build it yourself\n")
	if !ok {
		t.Errorf("%s has no section \"## Build it yourself\"", page)
		return ""
	}
	if i := strings.Index(after, "\n## "); i >= 0 {
		after = after[:i]
	}
	return after
}

// TestBuildSectionsNameWhatIsNotShown checks that the type-along path of
// each chapter is complete: what no listing shows, and the previous
// chapter does not already have, is named in the chapter's "Build it
// yourself" section, which tells the reader to copy it; and so is what the
// previous chapter has and this one no longer does, which the reader
// deletes.
func TestBuildSectionsNameWhatIsNotShown(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	for _, c := range chapters {
		pages, err := filepath.Glob(filepath.Join(root, "book", c.pages))
		if err != nil {
			t.Fatal(err)
		}
		shown := map[string][]string{}
		for _, page := range pages {
			b, err := os.ReadFile(page)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range anyInclude.FindAllStringSubmatch(string(b), -1) {
				shown[m[1]] = append(shown[m[1]], m[2])
			}
		}
		missing, err := Unshown(root, c.dir, c.prev, shown)
		if err != nil {
			t.Fatal(err)
		}
		section := buildSection(t, filepath.Join(root, "book", c.first))
		for _, m := range missing {
			file, name, isDecl := strings.Cut(m, ": ")
			want := "`" + path.Base(file) + "`"
			if isDecl {
				want = "`" + name + "`"
			}
			if !strings.Contains(section, want) {
				t.Errorf("%s: no listing shows %s, and %s's \"Build it yourself\" does not name %s", c.dir, m, c.first, want)
			}
		}
		removed, err := Removed(root, c.dir, c.prev)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range removed {
			file, name, isDecl := strings.Cut(m, ": ")
			want := "`" + path.Base(file) + "`"
			if isDecl {
				want = "`" + name + "`"
			}
			if !strings.Contains(section, want) {
				t.Errorf("%s lacks %s, which %s has, and %s's \"Build it yourself\" does not name %s", c.dir, m, c.prev, c.first, want)
			}
		}
		t.Logf("%s: %d things to copy %v, %d to delete %v", c.dir, len(missing), missing, len(removed), removed)
	}
}

var anyInclude = regexp.MustCompile(`\{\{#include \.\./([^:}]+)(?::([\w-]+))?\}\}`)
