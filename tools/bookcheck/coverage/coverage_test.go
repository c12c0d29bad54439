package coverage

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/nodeexperiment/gonode/tools/internal/include"
	"github.com/nodeexperiment/gonode/tools/internal/site"
)

// fixtureScope is the fixture book's code: a package, a copy grown from
// a base directory and one file.
var fixtureScope = []Target{
	{Path: "code/pkg"},
	{Path: "code/grown", Base: "code/base"},
	{Path: "code/main.go"},
}

// fixtureMin is the fixture's threshold: it accounts for 10 of 15 lines
// (66.7 %).
const fixtureMin = 66

func measureFixture(t *testing.T, dir string) *Report {
	t.Helper()
	r, err := Measure(site.Options{Dir: dir}, fixtureScope)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestFixtureCounts(t *testing.T) {
	r := measureFixture(t, filepath.Join("testdata", "book"))
	type counts struct {
		path                   string
		shown, declared, total int
	}
	var got []counts
	for _, f := range r.Files {
		got = append(got, counts{f.Path, f.Shown, f.Declared, f.Total})
	}
	want := []counts{
		// a.go: 9 counted lines (no blank line, no ANCHOR marker);
		// first (direct) and second (nested) shown, third declared.
		{"code/pkg/a.go", 4, 2, 9},
		// lib.go: only the two lines the base lacks count; line 6 is
		// shown. new.go: the base has no copy, so it counts whole.
		{"code/grown/lib.go", 1, 0, 2},
		{"code/grown/new.go", 0, 1, 2},
		{"code/main.go", 2, 0, 2},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("counts:\n got %v\nwant %v", got, want)
	}
	if f := r.File("code/pkg/a.go"); f == nil {
		t.Error(`File("code/pkg/a.go") = nil`)
	} else if got, want := f.Missing(), []Range{{1, 1, 1}, {21, 22, 2}}; !reflect.DeepEqual(got, want) {
		t.Errorf("a.go missing runs = %v, want %v", got, want)
	}
	if f := r.File("code/grown/lib.go"); f != nil {
		if got, want := f.Missing(), []Range{{7, 7, 1}}; !reflect.DeepEqual(got, want) {
			t.Errorf("lib.go missing runs = %v, want %v (the base's lines are not missing)", got, want)
		}
	}
	if r.File("code/pkg/a_test.go") != nil {
		t.Error("a test file was counted")
	}
	wantDecl := []Declaration{
		{Page: "src/README.md", Line: 10, Spec: "code/grown/new.go:1", File: "code/grown/new.go", Reason: "the package clause is the same as lib.go's", Lines: []int{1}},
		{Page: "src/chapter.md", Line: 15, Spec: "code/pkg/a.go:third", File: "code/pkg/a.go", Reason: "Third is left to the reader", Lines: []int{16, 17}},
	}
	if !reflect.DeepEqual(r.Declarations, wantDecl) {
		t.Errorf("declarations:\n got %+v\nwant %+v", r.Declarations, wantDecl)
	}
}

// TestBaseLinesDoNotCount checks that a grown copy's lines its base has
// count neither in its total nor as shown, though chapter.md lists them
// twice: through the base's own file and through the grown file's lines
// 1-4. Only line 6 (Added's comment, listed) and line 7 (its func line,
// missing) count.
func TestBaseLinesDoNotCount(t *testing.T) {
	r := measureFixture(t, filepath.Join("testdata", "book"))
	f := r.File("code/grown/lib.go")
	if f == nil {
		t.Fatal(`File("code/grown/lib.go") = nil`)
	}
	want := []State{Inherited, Uncounted, Inherited, Inherited, Uncounted, Shown, Missing}
	if !reflect.DeepEqual(f.States, want) {
		t.Errorf("lib.go states = %v, want %v", f.States, want)
	}
	if f.Shown != 1 || f.Total != 2 {
		t.Errorf("lib.go: %d of %d lines shown, want 1 of 2", f.Shown, f.Total)
	}
	if s, d, tot := Sum(r.Files); s != 7 || d != 3 || tot != 15 {
		t.Errorf("the fixture: %d shown, %d declared, %d lines; want exactly 7, 3 and 15", s, d, tot)
	}
	if r.File("code/base/lib.go") != nil {
		t.Error("the base copy itself was counted")
	}
	checkTotals(t, filepath.Join("testdata", "book"), r, fixtureScope)
}

// TestNestedIncludeCounts checks that a listing reached through an
// included Markdown file counts, and that a page missing from SUMMARY.md
// does not.
func TestNestedIncludeCounts(t *testing.T) {
	r := measureFixture(t, filepath.Join("testdata", "book"))
	f := r.File("code/pkg/a.go")
	for _, n := range []int{10, 11} {
		if f.States[n-1] != Shown {
			t.Errorf("a.go:%d (anchor second, included by snippets/nested.md) is %v, want Shown", n, f.States[n-1])
		}
	}
	// orphan.md includes all of a.go, but it is not in SUMMARY.md.
	if f.States[21] != Missing {
		t.Errorf("a.go:22 is %v, want Missing: a page outside SUMMARY.md must not count", f.States[21])
	}
	// Without the nested include, its lines are missing.
	dir := copyFixture(t)
	writeFile(t, dir, "src/snippets/nested.md", "No listing here any more.\n")
	f = measureFixture(t, dir).File("code/pkg/a.go")
	if f.States[9] != Missing || f.Shown != 2 {
		t.Errorf("without the nested include: a.go:10 is %v and %d lines are shown, want Missing and 2", f.States[9], f.Shown)
	}
}

func TestThreshold(t *testing.T) {
	r := measureFixture(t, filepath.Join("testdata", "book"))
	if err := r.Check(fixtureMin); err != nil {
		t.Errorf("Check(%d) on the fixture: %v", fixtureMin, err)
	}
	err := r.Check(fixtureMin + 1)
	if err == nil || !strings.Contains(err.Error(), "shows 7 and names as not shown 3 of 15 lines (66.7 %)") {
		t.Errorf("Check(%d) = %v, want an error naming 66.7 %% of 15 lines", fixtureMin+1, err)
	}
	// Without its declarations, the fixture falls below its threshold.
	dir := copyFixture(t)
	writeFile(t, dir, "src/chapter.md", strings.ReplaceAll(readFile(t, dir, "src/chapter.md"), "not-shown:", "a remark:"))
	if err := measureFixture(t, dir).Check(fixtureMin); err == nil {
		t.Errorf("Check(%d) passed with the chapter's declaration removed (8 of 15 lines)", fixtureMin)
	}
}

func TestBadDeclarations(t *testing.T) {
	for _, tc := range []struct {
		decl, want string
	}{
		{"code/pkg/a.go:fifth gone", `anchor "fifth" not found`},
		{"code/pkg/b.go lost", "file code/pkg/b.go does not exist"},
		{"code/base/lib.go not measured", "code/base/lib.go is not part of the code measured"},
		{"code/pkg/a.go:third", "no reason given"},
		{"code/pkg/a.go:30:40 past the end", "starts after the last line"},
	} {
		dir := copyFixture(t)
		page := readFile(t, dir, "src/chapter.md")
		writeFile(t, dir, "src/chapter.md", page+"\n<!-- not-shown: "+tc.decl+" -->\n")
		line := strings.Count(page, "\n") + 2
		_, err := Measure(site.Options{Dir: dir}, fixtureScope)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "src/chapter.md:"+strconv.Itoa(line)+":") {
			t.Errorf("not-shown %q: error %v, want src/chapter.md:%d: ... %s", tc.decl, err, line, tc.want)
		}
	}
}

func TestWriteReport(t *testing.T) {
	r := measureFixture(t, filepath.Join("testdata", "book"))
	var b bytes.Buffer
	if err := r.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"code/pkg/a.go          4          2        3       9     66.7 %",
		"code/grown             1          1        2       4     50.0 %",
		"total                  7          3        5      15     66.7 %",
		"code/pkg/a.go:third (2 lines, src/chapter.md:15): Third is left to the reader",
	} {
		if !strings.Contains(squeeze(b.String()), squeeze(want)) {
			t.Errorf("the table lacks %q:\n%s", want, b.String())
		}
	}
	// A declaration of lines a page shows is stale.
	dir := copyFixture(t)
	writeFile(t, dir, "src/README.md", readFile(t, dir, "src/README.md")+"<!-- not-shown: code/main.go shown after all -->\n")
	b.Reset()
	if err := measureFixture(t, dir).WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	if want := "code/main.go (stale: every line is shown or does not count, src/README.md:12): shown after all"; !strings.Contains(b.String(), want) {
		t.Errorf("the table lacks %q:\n%s", want, b.String())
	}
	b.Reset()
	if err := r.WriteFile(&b, r.File("code/pkg/a.go")); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"code/pkg/a.go:1 (1 line) package pkg", "code/pkg/a.go:21-22 (2 lines) // Fourth is not shown at all."} {
		if !strings.Contains(squeeze(b.String()), squeeze(want)) {
			t.Errorf("the file's report lacks %q:\n%s", want, b.String())
		}
	}
}

// TestTheRealBook holds the project's book to MinPercent of final/'s
// runtime.
func TestTheRealBook(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	r, err := Measure(site.Options{Dir: root}, Runtime)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + b.String())
	if err := r.Check(MinPercent); err != nil {
		t.Errorf("%v (see `make book-coverage` and `-file`)", err)
	}
	if len(r.Files) < 20 {
		t.Errorf("only %d files in the runtime's scope", len(r.Files))
	}
	checkTotals(t, root, r, Runtime)
}

// checkTotals bounds each file's total from both sides, computed apart
// from Measure: a file with no base counts exactly its lines that are
// neither blank nor anchor markers (C); a file grown from a base leaves
// out the counted lines a longest common subsequence with the base (of
// length L) keeps, so it counts at least C-L and at most C-L+U, where U
// is its blank and marker lines (which the subsequence may keep instead).
// Shown and declared lines never exceed the total.
func checkTotals(t *testing.T, root string, r *Report, scope []Target) {
	t.Helper()
	bases := map[string]string{}
	for _, tg := range scope {
		bases[tg.Path] = tg.Base
	}
	var sumC, sumInherited int
	for _, f := range r.Files {
		c, u := 0, 0
		for _, l := range f.Lines {
			if strings.TrimSpace(l) == "" || include.IsAnchorMarker(l) {
				u++
			} else {
				c++
			}
		}
		lo, hi := c, c
		if base := bases[f.Package]; base != "" {
			if f.Path != f.Package {
				base += strings.TrimPrefix(f.Path, f.Package)
			}
			if data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(base))); err == nil {
				l := lcsLen(include.SplitLines(string(data)), f.Lines)
				lo, hi = max(c-l, 0), min(c-l+u, c)
			} else if !os.IsNotExist(err) {
				t.Fatal(err)
			}
		}
		if f.Total < lo || f.Total > hi {
			t.Errorf("%s counts %d lines, want between %d and %d (its %d counted lines less those its base has)", f.Path, f.Total, lo, hi, c)
		}
		if f.Shown+f.Declared > f.Total {
			t.Errorf("%s: %d shown and %d declared of %d lines", f.Path, f.Shown, f.Declared, f.Total)
		}
		sumC += c
		sumInherited += c - f.Total
	}
	t.Logf("%d counted lines in the files, %d of them inherited from a base", sumC, sumInherited)
}

// lcsLen is the length of a longest common subsequence of a and b.
func lcsLen(a, b []string) int {
	row := make([]int, len(b)+1)
	for i := range a {
		prev := 0 // row[j] of the previous i
		for j := range b {
			cur := row[j+1]
			if a[i] == b[j] {
				row[j+1] = prev + 1
			} else {
				row[j+1] = max(row[j+1], row[j])
			}
			prev = cur
		}
	}
	return row[len(b)]
}

// squeeze replaces each run of spaces in s with one space, so that the
// tests do not depend on column widths.
func squeeze(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	return strings.Join(lines, "\n")
}

// copyFixture copies the fixture book into a temporary directory.
func copyFixture(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS(filepath.Join("testdata", "book"))); err != nil {
		t.Fatal(err)
	}
	return dst
}

func readFile(t *testing.T, dir, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func writeFile(t *testing.T, dir, rel, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(rel)), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestAlign checks the alignment that maps a step's listing to final/'s
// lines: equal lines in order are matched, a line the other file lacks is
// not, and a line moved out of order is matched at most once.
func TestAlign(t *testing.T) {
	a := []string{"x", "new", "y", "z"}
	b := []string{"x", "y", "later", "z"}
	if got, want := align(a, b), []int{1, 0, 2, 4}; !reflect.DeepEqual(got, want) {
		t.Fatalf("align = %v, want %v", got, want)
	}
	if got := align([]string{"q"}, b); !reflect.DeepEqual(got, []int{0}) {
		t.Fatalf("a line b lacks matched %v", got)
	}
}
