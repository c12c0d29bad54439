// Package coverage measures which lines of a book's code its pages show.
//
// A line is shown when some {{#include}} of a page listed in SUMMARY.md
// selects it: a whole file, a line range or an anchor, directly or through
// a nested include. The includes are expanded by the renderer's own
// loader (package site, which uses package include), so the tool sees
// exactly the listings the rendered book has.
//
// What is counted: every line of the files in scope except blank lines
// (only white space) and anchor marker lines ("ANCHOR: name",
// "ANCHOR_END: name"), which an anchored listing never shows. Everything
// else counts, comments, imports, package clauses and //go:build lines
// included: the book shows code with its comments, and a line a reader
// never sees must either be listed or be named as not shown.
//
// A page of SUMMARY.md names lines it does not show, with the reason, in
// an HTML comment of its own source (invisible in the rendered page; a
// comment in an included Markdown file is not read), one declaration per
// line:
//
//	<!-- not-shown: final/loop/net.go:acceptloop the retry loop repeats the read loop above -->
//	<!-- not-shown:
//	final/loop/trace.go the trace only feeds the timeline chapter's picture
//	final/loop/net.go:120:140 Windows' AcceptEx bookkeeping, shown in the IOCP chapter
//	-->
//
// Each declaration is a file path relative to the book root, optionally
// followed by ":" and a selection exactly as in {{#include}} (an anchor,
// "N", "N:", ":M" or "N:M"), then the reason, which must not be empty. A
// file that does not exist or is not in scope, a missing anchor or a line
// range outside the file is an error. Declared lines count as accounted
// for; the report lists each declaration with its reason. A line both
// shown and declared counts as shown.
package coverage

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/nodeexperiment/gonode/tools/internal/include"
	"github.com/nodeexperiment/gonode/tools/internal/site"
)

// Target is one part of the code whose coverage is measured: a package
// directory (its non-test .go files) or one file.
type Target struct {
	// Path is the directory or file, slash-separated, relative to the book
	// root.
	Path string
	// Base, when set, is the directory (for a directory Path) or file that
	// Path grew from: only the lines Path's files add over Base's copy of
	// the same file count, as the renderer's new-line marks find them; a
	// file Base lacks counts whole. The lines Base has count neither in
	// the total nor as shown, whether a page lists them through Path's
	// file or through Base's own (which shows nothing of Path).
	Base string
}

// Runtime is the scope of `make book-coverage`: final/'s runtime
// packages, its main.go, and final/minimio's additions over chapter 01's
// minimio.
var Runtime = []Target{
	{Path: "final/loop"},
	{Path: "final/pool"},
	{Path: "final/fs"},
	{Path: "final/crypto"},
	{Path: "final/http"},
	{Path: "final/js"},
	{Path: "final/console"},
	{Path: "final/main.go"},
	{Path: "final/internal/program"},
	{Path: "final/minimio", Base: "chapters/01-poll/minimio"},
}

// State is what the report says about one line of a file.
type State byte

const (
	// Uncounted lines are blank or anchor markers.
	Uncounted State = iota
	// Inherited lines do not count because the Target's Base has them.
	Inherited
	// Missing lines count and are neither shown nor declared.
	Missing
	// Shown lines are selected by some include.
	Shown
	// Declared lines are named as not shown by some page.
	Declared
)

// File is the coverage of one file.
type File struct {
	// Path is the file, slash-separated, relative to the book root.
	Path string
	// Package is the Path of the Target the file belongs to.
	Package string
	// Lines holds the text of each line.
	Lines []string
	// States holds the state of each line; States[0] is line 1.
	States []State
	// Shown, Declared and Total count the lines in each state; Total is
	// every counted line.
	Shown, Declared, Total int
}

// Declaration is one "not shown, with the reason" entry of a page.
type Declaration struct {
	// Page and Line locate the declaration (Page relative to the book
	// root).
	Page string
	Line int
	// Spec is the file and selection as written.
	Spec string
	// File is the declared file, relative to the book root.
	File string
	// Reason says why the lines are not shown.
	Reason string
	// Lines lists the declared 1-based line numbers that count.
	Lines []int
}

// Report is the coverage of a scope.
type Report struct {
	// Files lists the files in scope, in the order of the scope's targets,
	// then by name.
	Files []*File
	// Declarations lists every not-shown declaration, in page order.
	Declarations []Declaration
}

// Measure loads the book described by opt and reports which lines of
// scope its pages show.
func Measure(opt site.Options, scope []Target) (*Report, error) {
	cfgPath, err := opt.ConfigPath()
	if err != nil {
		return nil, err
	}
	book, err := site.Load(cfgPath)
	if err != nil {
		return nil, err
	}
	root := book.Config.Root
	r := &Report{}
	byAbs := map[string]*File{}
	for _, t := range scope {
		files, err := targetFiles(root, t)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			byAbs[filepath.Join(root, filepath.FromSlash(f.Path))] = f
			r.Files = append(r.Files, f)
		}
	}
	for _, ch := range book.Chapters {
		for _, l := range ch.Listings {
			f, lines := byAbs[filepath.Clean(l.File)], l.Lines
			if f == nil {
				if f, lines, err = stepListing(root, byAbs, l.File, l.Lines); err != nil {
					return nil, err
				}
			}
			if f == nil {
				continue
			}
			for _, n := range lines {
				if f.States[n-1] != Uncounted && f.States[n-1] != Inherited {
					f.States[n-1] = Shown
				}
			}
		}
	}
	for _, ch := range book.Chapters {
		ds, err := declarations(root, ch.Source)
		if err != nil {
			return nil, err
		}
		for _, d := range ds {
			f := byAbs[filepath.Join(root, filepath.FromSlash(d.File))]
			if f == nil {
				return nil, fmt.Errorf("%s:%d: not-shown %s: %s is not part of the code measured", d.Page, d.Line, d.Spec, d.File)
			}
			var counted []int
			for _, n := range d.Lines {
				switch f.States[n-1] {
				case Missing:
					f.States[n-1] = Declared
					counted = append(counted, n)
				case Declared:
					counted = append(counted, n)
				}
			}
			d.Lines = counted
			r.Declarations = append(r.Declarations, d)
		}
	}
	for _, f := range r.Files {
		for _, s := range f.States {
			switch s {
			case Shown:
				f.Shown++
			case Declared:
				f.Declared++
			}
			if s != Uncounted && s != Inherited {
				f.Total++
			}
		}
	}
	return r, nil
}

// targetFiles reads the files of t with every counted line Missing.
func targetFiles(root string, t Target) ([]*File, error) {
	abs := filepath.Join(root, filepath.FromSlash(t.Path))
	fi, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("scope: %w", err)
	}
	var names []string
	if fi.IsDir() {
		entries, err := os.ReadDir(abs)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			n := e.Name()
			if !e.IsDir() && strings.HasSuffix(n, ".go") && !strings.HasSuffix(n, "_test.go") {
				names = append(names, n)
			}
		}
		sort.Strings(names)
	} else {
		names = []string{""}
	}
	var files []*File
	for _, n := range names {
		p, base := t.Path, t.Base
		if n != "" {
			p = t.Path + "/" + n
			if base != "" {
				base += "/" + n
			}
		}
		data, err := include.ReadSource(filepath.Join(root, filepath.FromSlash(p)))
		if err != nil {
			return nil, err
		}
		text := string(data)
		f := &File{Path: p, Package: t.Path, Lines: include.SplitLines(text)}
		f.States = make([]State, len(f.Lines))
		counts := func(int) bool { return true }
		if base != "" {
			old, err := include.ReadSource(filepath.Join(root, filepath.FromSlash(base)))
			switch {
			case os.IsNotExist(err):
				// A file the base lacks counts whole.
			case err != nil:
				return nil, err
			default:
				added := map[int]bool{}
				for _, n := range site.AddedLines(string(old), text) {
					added[n] = true
				}
				counts = func(n int) bool { return added[n] }
			}
		}
		for i, l := range f.Lines {
			switch {
			case strings.TrimSpace(l) == "" || include.IsAnchorMarker(l):
				f.States[i] = Uncounted
			case !counts(i + 1):
				f.States[i] = Inherited
			default:
				f.States[i] = Missing
			}
		}
		files = append(files, f)
	}
	return files, nil
}

// notShown matches a not-shown comment; group 1 is its body.
var notShown = regexp.MustCompile(`(?s)<!--\s*not-shown:(.*?)-->`)

// declarations reads the not-shown declarations of the page at path.
func declarations(root, path string) ([]Declaration, error) {
	data, err := include.ReadSource(path)
	if err != nil {
		return nil, err
	}
	page := path
	if rel, err := filepath.Rel(root, path); err == nil {
		page = filepath.ToSlash(rel)
	}
	text := string(data)
	var out []Declaration
	for _, m := range notShown.FindAllStringSubmatchIndex(text, -1) {
		line := strings.Count(text[:m[2]], "\n") + 1
		for i, entry := range strings.Split(text[m[2]:m[3]], "\n") {
			entry = strings.TrimSpace(entry)
			if entry == "" {
				continue
			}
			d := Declaration{Page: page, Line: line + i}
			d.Spec, d.Reason, _ = strings.Cut(entry, " ")
			d.Reason = strings.Join(strings.Fields(d.Reason), " ")
			if d.Reason == "" {
				return nil, fmt.Errorf("%s:%d: not-shown %s: no reason given (write it after the file)", page, d.Line, d.Spec)
			}
			file, sel, _ := strings.Cut(d.Spec, ":")
			d.File = filepath.ToSlash(filepath.Clean(filepath.FromSlash(file)))
			data, err := include.ReadSource(filepath.Join(root, filepath.FromSlash(d.File)))
			if err != nil {
				if os.IsNotExist(err) {
					return nil, fmt.Errorf("%s:%d: not-shown %s: file %s does not exist", page, d.Line, d.Spec, d.File)
				}
				return nil, err
			}
			if _, d.Lines, err = include.SelectLines(string(data), sel); err != nil {
				return nil, fmt.Errorf("%s:%d: not-shown %s: %v", page, d.Line, d.Spec, err)
			}
			out = append(out, d)
		}
	}
	return out, nil
}

// Sum adds up the counts of files.
func Sum(files []*File) (shown, declared, total int) {
	for _, f := range files {
		shown, declared, total = shown+f.Shown, declared+f.Declared, total+f.Total
	}
	return shown, declared, total
}

// Percent is the share of total that shown and declared lines account
// for, in percent; 100 when nothing counts.
func Percent(shown, declared, total int) float64 {
	if total == 0 {
		return 100
	}
	return 100 * float64(shown+declared) / float64(total)
}

// Check returns an error when the report's total is below min percent.
func (r *Report) Check(min float64) error {
	s, d, t := Sum(r.Files)
	if p := Percent(s, d, t); p < min {
		return fmt.Errorf("the book shows %d and names as not shown %d of %d lines (%.1f %%), below the minimum of %g %%", s, d, t, p, min)
	}
	return nil
}

// File returns the report of the file at path (relative to the book root),
// or nil.
func (r *Report) File(path string) *File {
	path = filepath.ToSlash(filepath.Clean(filepath.FromSlash(path)))
	for _, f := range r.Files {
		if f.Path == path {
			return f
		}
	}
	return nil
}

// Range is a run of lines, first to last inclusive (1-based), of which
// Count lines count.
type Range struct{ First, Last, Count int }

// Missing returns the runs of missing lines of f; blank lines and anchor
// markers between two missing lines do not break a run.
func (f *File) Missing() []Range {
	var out []Range
	open := false
	for i, s := range f.States {
		switch s {
		case Missing:
			if !open {
				out = append(out, Range{First: i + 1})
				open = true
			}
			out[len(out)-1].Last = i + 1
			out[len(out)-1].Count++
		case Shown, Declared, Inherited:
			open = false
		}
	}
	return out
}

// MinPercent is what `make book-coverage` (the default of its -min flag)
// and TestTheRealBook hold the book's coverage of Runtime to: 85 %, the
// bar the Going-further chapters were written to. A change that adds
// code to final/'s runtime without showing it, or without naming it as
// not shown with a reason, lowers the total and, past this line, fails
// the test.
const MinPercent = 85

// stepListing maps a listing of a step's copy of a file in scope
// (steps/NN-name/REL, which cmd/steps cuts from final/REL) to the lines
// of final/REL it shows: the lines of the two files are aligned, as a
// longest common subsequence of their lines with white space and the
// step's import paths made alike (gofmt realigns a cut file). It returns
// a nil File for a listing of anything else.
func stepListing(root string, byAbs map[string]*File, file string, lines []int) (*File, []int, error) {
	rel, err := filepath.Rel(filepath.Join(root, "steps"), filepath.Clean(file))
	if err != nil || strings.HasPrefix(rel, "..") {
		return nil, nil, nil
	}
	step, rest, ok := strings.Cut(filepath.ToSlash(rel), "/")
	if !ok {
		return nil, nil, nil
	}
	f := byAbs[filepath.Join(root, "final", filepath.FromSlash(rest))]
	if f == nil {
		return nil, nil, nil
	}
	data, err := include.ReadSource(file)
	if err != nil {
		return nil, nil, err
	}
	norm := func(l string) string {
		l = strings.ReplaceAll(l, "gonode/steps/"+step+"/", "gonode/final/")
		return strings.Join(strings.Fields(l), " ")
	}
	stepLines := include.SplitLines(string(data))
	a := make([]string, len(stepLines))
	for i, l := range stepLines {
		a[i] = norm(l)
	}
	b := make([]string, len(f.Lines))
	for i, l := range f.Lines {
		b[i] = norm(l)
	}
	match := align(a, b)
	var out []int
	for _, n := range lines {
		if n >= 1 && n <= len(match) && match[n-1] > 0 {
			out = append(out, match[n-1])
		}
	}
	return f, out, nil
}

// align returns, for each line of a, the 1-based number of the line of b
// it is matched with in a longest common subsequence of a and b, or 0.
func align(a, b []string) []int {
	// lcs[i][j] is the length of an LCS of a[i:] and b[j:].
	lcs := make([][]int32, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			switch {
			case a[i] == b[j]:
				lcs[i][j] = lcs[i+1][j+1] + 1
			case lcs[i+1][j] >= lcs[i][j+1]:
				lcs[i][j] = lcs[i+1][j]
			default:
				lcs[i][j] = lcs[i][j+1]
			}
		}
	}
	match := make([]int, len(a))
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			match[i] = j + 1
			i++
			j++
		case lcs[i+1][j] >= lcs[i][j+1]:
			i++
		default:
			j++
		}
	}
	return match
}
