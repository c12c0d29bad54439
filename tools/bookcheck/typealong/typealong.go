// Package typealong checks the type-along path of the book's chapters 01
// to 04: that every listing of Go code says where it goes, and that what it
// says is still true of the code.
//
// A listing's placement is the line just before its code block, a
// paragraph of its own:
//
//	*In `minimio/poll.go`, after `Token`:*
//
// FILE, in backquotes, is the file the listing goes in, as a reader's copy
// of the chapter names it: the include's path, or a final part of it
// ("poll.go", "minimio/poll.go"). Each clause that follows, after a comma,
// says where in that file:
//
//	a new file      the previous chapter has no such file
//	at the top      no declaration comes before the listing (imports aside)
//	after the imports
//	                likewise, and the file has imports before the listing
//	after `X`       X is the last declaration before the listing
//	before `X`      X is the first declaration after the listing
//	inside `X`      the listing is part of X
//	in place of `X` the previous chapter's copy of the file has X, which
//	                this listing replaces (it holds this chapter's X)
//	unchanged       the previous chapter's copy of the file has these
//	                lines already: nothing to type
//
// X names a top-level declaration of the file: a function, a type, a
// variable or a constant (any name of a group), or a method as T.M.
package typealong

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/nodeexperiment/gonode/tools/internal/include"
)

// Listing is one {{#include}} of Go code on a page, with its placement.
type Listing struct {
	Page      string // the page's path
	Line      int    // the include's line on the page
	Path      string // the included file, from the book root
	Anchor    string
	Placement string // the placement line, "" if there is none
}

var (
	includeRe   = regexp.MustCompile(`^\{\{#include \.\./([^:}]+\.go)(?::([\w-]+))?\}\}$`)
	placementRe = regexp.MustCompile("^\\*In `([^`]+)`((?:, [^,*]+)*):\\*$")
	clauseRe    = regexp.MustCompile("^(a new file|at the top|after the imports|unchanged|(after|before|inside|in place of) `([^`]+)`)$")
)

// Listings returns the Go listings of the page at path (a file of the
// book's source directory), each with the placement line before it.
func Listings(page string) ([]Listing, error) {
	f, err := os.Open(page)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		lines = append(lines, strings.TrimRight(sc.Text(), "\r"))
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	var out []Listing
	for i, l := range lines {
		m := includeRe.FindStringSubmatch(l)
		if m == nil || i == 0 || lines[i-1] != "```go" {
			continue
		}
		ls := Listing{Page: page, Line: i + 1, Path: m[1], Anchor: m[2]}
		// The placement: the paragraph just before the fence, one line.
		if j := i - 2; j >= 1 && lines[j] == "" && strings.HasPrefix(lines[j-1], "*In `") {
			ls.Placement = lines[j-1]
		}
		out = append(out, ls)
	}
	return out, nil
}

// Check checks the listing's placement against the code. root is the book
// root (where the include paths start), and prev, if not "", the previous
// chapter's directory from the root, whose files "a new file" and "in place
// of" are about.
func Check(root string, ls Listing, prev string) error {
	if ls.Placement == "" {
		return fmt.Errorf("no placement line (*In `FILE`, after `X`:*) before the listing of %s:%s", ls.Path, ls.Anchor)
	}
	m := placementRe.FindStringSubmatch(ls.Placement)
	if m == nil {
		return fmt.Errorf("placement %q: want *In `FILE`, CLAUSE, ...:*", ls.Placement)
	}
	file := m[1]
	if ls.Path != file && !strings.HasSuffix(ls.Path, "/"+file) {
		return fmt.Errorf("placement names %s, but the listing is of %s", file, ls.Path)
	}
	src, err := include.ReadSource(filepath.Join(root, filepath.FromSlash(ls.Path)))
	if err != nil {
		return err
	}
	_, nums, err := include.SelectLines(string(src), ls.Anchor)
	if err != nil {
		return fmt.Errorf("%s:%s: %v", ls.Path, ls.Anchor, err)
	}
	first, last := nums[0], nums[len(nums)-1]
	decls, err := declarations(ls.Path, src)
	if err != nil {
		return err
	}
	prevPath := ""
	if prev != "" {
		prevPath = path.Join(prev, file)
	}
	clauses := strings.Split(strings.TrimPrefix(m[2], ", "), ", ")
	if m[2] == "" {
		clauses = nil
	}
	for _, c := range clauses {
		cm := clauseRe.FindStringSubmatch(c)
		if cm == nil {
			return fmt.Errorf("placement %q: unknown clause %q", ls.Placement, c)
		}
		verb, x := cm[2], cm[3]
		switch {
		case c == "a new file":
			if prevPath == "" {
				break // the first chapter: every file is new
			}
			if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(prevPath))); err == nil {
				return fmt.Errorf("placement says %s is a new file, but %s has it", file, prev)
			}
		case c == "unchanged":
			old, err := include.ReadSource(filepath.Join(root, filepath.FromSlash(prevPath)))
			if prevPath == "" || err != nil {
				return fmt.Errorf("placement says unchanged, but there is no previous copy of %s", file)
			}
			var was []string
			for _, l := range include.SplitLines(string(old)) {
				if !include.IsAnchorMarker(l) {
					was = append(was, l)
				}
			}
			now, _ := include.Select(string(src), ls.Anchor)
			if !strings.Contains(strings.Join(was, "\n"), now) {
				return fmt.Errorf("placement says unchanged, but %s's %s lacks lines of %s", prev, file, ls.Anchor)
			}
		case c == "at the top" || c == "after the imports":
			imports := false
			for _, d := range decls {
				if d.end < first && !d.imports {
					return fmt.Errorf("placement says %s of %s, but %s comes before the listing", c, file, d.name)
				}
				imports = imports || d.imports && d.end < first
			}
			if c == "after the imports" && !imports {
				return fmt.Errorf("placement says after the imports, but %s has none before the listing", file)
			}
		case verb == "after":
			var near *decl
			for k := range decls {
				if d := &decls[k]; d.end < first && !d.imports && (near == nil || d.end > near.end) {
					near = d
				}
			}
			if near == nil || !near.has(x) {
				return fmt.Errorf("placement says after %s in %s, but the declaration before the listing is %s", x, file, near.describe())
			}
		case verb == "before":
			var near *decl
			for k := range decls {
				if d := &decls[k]; d.start > last && (near == nil || d.start < near.start) {
					near = d
				}
			}
			if near == nil || !near.has(x) {
				return fmt.Errorf("placement says before %s in %s, but the declaration after the listing is %s", x, file, near.describe())
			}
		case verb == "inside":
			var in *decl
			for k := range decls {
				if d := &decls[k]; d.has(x) {
					in = d
				}
			}
			if in == nil {
				return fmt.Errorf("placement says inside %s, but %s declares no %s", x, file, x)
			}
			if first < in.start || last > in.end {
				return fmt.Errorf("placement says inside %s (lines %d-%d of %s), but the listing has lines %d-%d", x, in.start, in.end, file, first, last)
			}
		case verb == "in place of":
			if prevPath == "" {
				return fmt.Errorf("placement says in place of %s, but there is no previous chapter", x)
			}
			old, err := include.ReadSource(filepath.Join(root, filepath.FromSlash(prevPath)))
			if err != nil {
				return fmt.Errorf("placement says in place of %s, but %s has no %s", x, prev, file)
			}
			oldDecls, err := declarations(prevPath, old)
			if err != nil {
				return err
			}
			if !anyHas(oldDecls, x) {
				return fmt.Errorf("placement says in place of %s, but %s declares no %s", x, prevPath, x)
			}
			found := false
			for _, d := range decls {
				if d.has(x) && d.start >= first && d.end <= last {
					found = true
				}
			}
			if !found {
				return fmt.Errorf("placement says in place of %s, but the listing does not hold this chapter's %s", x, x)
			}
		}
	}
	return nil
}

// A decl is a top-level declaration: its names and its lines, doc comment
// included.
type decl struct {
	names      []string
	name       string // for messages
	start, end int
	imports    bool
}

func (d *decl) has(x string) bool {
	for _, n := range d.names {
		if n == x {
			return true
		}
	}
	return false
}

func (d *decl) describe() string {
	if d == nil {
		return "none"
	}
	return d.name
}

func anyHas(ds []decl, x string) bool {
	for k := range ds {
		if ds[k].has(x) {
			return true
		}
	}
	return false
}

// declarations parses a Go file and lists its top-level declarations.
func declarations(name string, src []byte) ([]decl, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	var out []decl
	for _, d := range f.Decls {
		var x decl
		start := d.Pos()
		switch d := d.(type) {
		case *ast.FuncDecl:
			n := d.Name.Name
			if d.Recv != nil && len(d.Recv.List) > 0 {
				n = receiverName(d.Recv.List[0].Type) + "." + n
			}
			x.names = []string{n}
			start = docStart(d.Doc, start)
		case *ast.GenDecl:
			x.imports = d.Tok == token.IMPORT
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					x.names = append(x.names, s.Name.Name)
				case *ast.ValueSpec:
					for _, id := range s.Names {
						x.names = append(x.names, id.Name)
					}
				}
			}
			start = docStart(d.Doc, start)
		}
		x.name = strings.Join(x.names, ", ")
		if x.imports {
			x.name = "the imports"
		}
		x.start, x.end = fset.Position(start).Line, fset.Position(d.End()).Line
		out = append(out, x)
	}
	return out, nil
}

// docStart returns where a declaration at pos starts with its doc comment:
// the first line of the comment after any anchor marker in it (a marker
// just above a declaration is parsed as part of its doc comment).
func docStart(doc *ast.CommentGroup, pos token.Pos) token.Pos {
	if doc == nil {
		return pos
	}
	start := token.NoPos
	for _, c := range doc.List {
		switch {
		case include.IsAnchorMarker(c.Text):
			start = token.NoPos
		case start == token.NoPos:
			start = c.Pos()
		}
	}
	if start == token.NoPos {
		return pos
	}
	return start
}

func receiverName(t ast.Expr) string {
	switch t := t.(type) {
	case *ast.StarExpr:
		return receiverName(t.X)
	case *ast.IndexExpr:
		return receiverName(t.X)
	case *ast.IndexListExpr:
		return receiverName(t.X)
	case *ast.Ident:
		return t.Name
	}
	return "?"
}

// Suggest returns a placement line that Check accepts for the listing: the
// one an author would start from.
func Suggest(root string, ls Listing, prev string) (string, error) {
	src, err := include.ReadSource(filepath.Join(root, filepath.FromSlash(ls.Path)))
	if err != nil {
		return "", err
	}
	_, nums, err := include.SelectLines(string(src), ls.Anchor)
	if err != nil {
		return "", err
	}
	first, last := nums[0], nums[len(nums)-1]
	decls, err := declarations(ls.Path, src)
	if err != nil {
		return "", err
	}
	file := ls.Path
	if prev != "" {
		file = strings.TrimPrefix(ls.Path, path.Dir(prev)+"/")
		file = file[strings.Index(file, "/")+1:]
	} else if i := strings.Index(file, "/"); i >= 0 && strings.HasPrefix(file, "chapters/") {
		file = file[i+1:]
		file = file[strings.Index(file, "/")+1:]
	}
	var clauses []string
	var oldDecls []decl
	old, err := include.ReadSource(filepath.Join(root, filepath.FromSlash(path.Join(prev, file))))
	if prev == "" {
		// The first chapter: every file is new; say so at its first listing.
	} else if err != nil {
		clauses = append(clauses, "a new file")
	} else if oldDecls, err = declarations(file, old); err != nil {
		return "", err
	}
	for _, d := range decls {
		if d.start <= first && last <= d.end && (first > d.start || last < d.end) && !d.imports {
			clauses = append(clauses, "inside `"+d.names[0]+"`")
			return "*In `" + file + "`, " + strings.Join(clauses, ", ") + ":*", nil
		}
	}
	for _, d := range decls {
		if d.start >= first && d.end <= last && len(d.names) > 0 && anyHas(oldDecls, d.names[0]) {
			clauses = append(clauses, "in place of `"+d.names[0]+"`")
			break
		}
	}
	var near *decl
	for k := range decls {
		if d := &decls[k]; d.end < first && !d.imports && (near == nil || d.end > near.end) {
			near = d
		}
	}
	if near == nil {
		clauses = append(clauses, "at the top")
	} else {
		clauses = append(clauses, "after `"+near.names[0]+"`")
	}
	return "*In `" + file + "`, " + strings.Join(clauses, ", ") + ":*", nil
}

// Unshown lists what a reader who builds the chapter in dir (a path from
// root) from the previous chapter prev on Linux cannot take from a listing:
// each top-level declaration (imports aside) of a non-test Go file that
// the previous chapter lacks or has otherwise, and that no listing in
// shown (anchors by file path) holds, as "file: name"; and each such file
// that no listing shows at all, as "file".
func Unshown(root, dir, prev string, shown map[string][]string) ([]string, error) {
	ctx := build.Default
	ctx.GOOS, ctx.GOARCH = "linux", "amd64"
	var out []string
	err := filepath.WalkDir(filepath.Join(root, filepath.FromSlash(dir)), func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() && e.Name() == "testdata" {
			return filepath.SkipDir
		}
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		if ok, err := ctx.MatchFile(filepath.Dir(p), name); err != nil || !ok {
			return err
		}
		rel, err := filepath.Rel(filepath.Join(root, filepath.FromSlash(dir)), p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		full := path.Join(dir, rel)
		src, err := include.ReadSource(p)
		if err != nil {
			return err
		}
		var old []byte
		if prev != "" {
			old, _ = include.ReadSource(filepath.Join(root, filepath.FromSlash(path.Join(prev, rel))))
			// The copy's own paths (imports of its packages, go run
			// lines) name its folder: the reader renames them at once
			// (Build it yourself says how), so they are no difference.
			if old != nil {
				old = []byte(strings.ReplaceAll(string(old), prev+"/", dir+"/"))
			}
		}
		if old != nil && string(old) == string(src) {
			return nil // the reader has it already
		}
		if len(shown[full]) == 0 {
			out = append(out, rel)
			return nil
		}
		covered := map[int]bool{}
		for _, a := range shown[full] {
			_, nums, err := include.SelectLines(string(src), a)
			if err != nil {
				return fmt.Errorf("%s:%s: %v", full, a, err)
			}
			for _, n := range nums {
				covered[n] = true
			}
		}
		decls, err := declarations(full, src)
		if err != nil {
			return err
		}
		var oldDecls []decl
		if old != nil {
			if oldDecls, err = declarations(rel, old); err != nil {
				return err
			}
		}
		lines := strings.Split(string(src), "\n")
		oldLines := strings.Split(string(old), "\n")
		for _, d := range decls {
			if d.imports || covered[d.start] || covered[d.end] {
				continue
			}
			same := false
			for _, o := range oldDecls {
				if o.name == d.name && strings.Join(oldLines[o.start-1:o.end], "\n") == strings.Join(lines[d.start-1:d.end], "\n") {
					same = true
				}
			}
			if !same {
				out = append(out, rel+": "+d.name)
			}
		}
		return nil
	})
	return out, err
}

// Removed lists what a reader who builds the chapter in dir from the
// previous chapter prev must delete: each top-level declaration (imports
// aside) of a non-test Go file of prev that the same file in dir no longer
// declares, as "file: name", and each non-test file of prev that dir lacks,
// as "file".
func Removed(root, dir, prev string) ([]string, error) {
	if prev == "" {
		return nil, nil
	}
	var out []string
	base := filepath.Join(root, filepath.FromSlash(prev))
	err := filepath.WalkDir(base, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() && e.Name() == "testdata" {
			return filepath.SkipDir
		}
		if e.IsDir() || strings.HasSuffix(e.Name(), "_test.go") || isRecorded(e.Name()) || e.Name() == "trace.spec" {
			return nil
		}
		rel, err := filepath.Rel(base, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		now, err := include.ReadSource(filepath.Join(root, filepath.FromSlash(path.Join(dir, rel))))
		if err != nil {
			out = append(out, rel)
			return nil
		}
		if !strings.HasSuffix(rel, ".go") {
			return nil
		}
		was, err := include.ReadSource(p)
		if err != nil {
			return err
		}
		oldDecls, err := declarations(rel, was)
		if err != nil {
			return err
		}
		decls, err := declarations(rel, now)
		if err != nil {
			return err
		}
		for _, o := range oldDecls {
			if o.imports {
				continue
			}
			for _, n := range o.names {
				if !anyHas(decls, n) {
					out = append(out, rel+": "+n)
				}
			}
		}
		return nil
	})
	return out, err
}

// FromStep checks that a listing on the page that builds the step in dir
// shows that step's own code: its path is in dir. A listing of another
// step's copy would show either code the reader has already typed or code
// of a later page.
func FromStep(ls Listing, dir string) error {
	if strings.HasPrefix(ls.Path, dir+"/") {
		return nil
	}
	return fmt.Errorf("the listing of %s:%s is not of this page's step, %s", ls.Path, ls.Anchor, dir)
}

// Shown returns the lines a listing shows, as the book renders them.
func Shown(root string, ls Listing) (string, error) {
	src, err := include.ReadSource(filepath.Join(root, filepath.FromSlash(ls.Path)))
	if err != nil {
		return "", err
	}
	lines, _, err := include.SelectLines(string(src), ls.Anchor)
	if err != nil {
		return "", fmt.Errorf("%s:%s: %v", ls.Path, ls.Anchor, err)
	}
	return strings.Join(lines, "\n"), nil
}

// isRecorded reports whether a file is a recorded run (output*.txt,
// node-output*.txt): a step keeps the runs of its own page's examples
// only, so a later step lacking one has not removed anything.
func isRecorded(name string) bool {
	return strings.HasSuffix(name, ".txt") && (strings.HasPrefix(name, "output") || strings.HasPrefix(name, "node-output"))
}

// ShownTwice returns, for each listing that shows the same lines as an
// earlier one, "page:line shows path:anchor, the same lines as
// page:line". Listings are given in reading order; each names its page.
func ShownTwice(root string, ls []Listing) ([]string, error) {
	var out []string
	seen := map[string]string{}
	for _, l := range ls {
		text, err := Shown(root, l)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", l.Page, l.Line, err)
		}
		where := fmt.Sprintf("%s:%d", l.Page, l.Line)
		if first, ok := seen[text]; ok {
			out = append(out, fmt.Sprintf("%s shows %s:%s, the same lines as %s", where, l.Path, l.Anchor, first))
			continue
		}
		seen[text] = where
	}
	return out, nil
}
