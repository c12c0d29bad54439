package coverage

import (
	"fmt"
	"io"
	"strings"
)

// WriteTable writes a row per file, a row per package and the total, then
// the not-shown declarations with their reasons.
func (r *Report) WriteTable(w io.Writer) error {
	width := len("total")
	for _, f := range r.Files {
		width = max(width, len(f.Path))
	}
	header := func(first string) {
		fmt.Fprintf(w, "%-*s  %6s  %9s  %7s  %6s  %9s\n", width, first, "shown", "not shown", "missing", "lines", "accounted")
	}
	row := func(name string, s, d, t int) {
		fmt.Fprintf(w, "%-*s  %6d  %9d  %7d  %6d  %7.1f %%\n", width, name, s, d, t-s-d, t, Percent(s, d, t))
	}
	header("file")
	for _, f := range r.Files {
		row(f.Path, f.Shown, f.Declared, f.Total)
	}
	fmt.Fprintln(w)
	header("package")
	var pkgs []string
	byPkg := map[string][]*File{}
	for _, f := range r.Files {
		if byPkg[f.Package] == nil {
			pkgs = append(pkgs, f.Package)
		}
		byPkg[f.Package] = append(byPkg[f.Package], f)
	}
	for _, p := range pkgs {
		s, d, t := Sum(byPkg[p])
		row(p, s, d, t)
	}
	s, d, t := Sum(r.Files)
	row("total", s, d, t)
	if len(r.Declarations) > 0 {
		fmt.Fprintf(w, "\nnamed as not shown, with the reason:\n")
		for _, dcl := range r.Declarations {
			writeDeclaration(w, dcl)
		}
	}
	_, err := fmt.Fprintf(w, "\nA line counts unless it is blank or an ANCHOR marker; \"accounted\" is shown plus named as not shown.\n")
	return err
}

// WriteFile writes what f's book pages leave out: each run of missing
// lines with its first line, then the declarations that name lines of f.
func (r *Report) WriteFile(w io.Writer, f *File) error {
	fmt.Fprintf(w, "%s: %d of %d counted lines shown, %d named as not shown, %d missing (%.1f %% accounted)\n",
		f.Path, f.Shown, f.Total, f.Declared, f.Total-f.Shown-f.Declared, Percent(f.Shown, f.Declared, f.Total))
	missing := f.Missing()
	if len(missing) > 0 {
		fmt.Fprintf(w, "\nnot shown (give each an {{#include}} or a not-shown declaration):\n")
	}
	for _, m := range missing {
		lines := fmt.Sprintf("%d", m.First)
		if m.Last != m.First {
			lines = fmt.Sprintf("%d-%d", m.First, m.Last)
		}
		fmt.Fprintf(w, "  %-*s  %-10s  %s\n", len(f.Path)+9, f.Path+":"+lines, "("+count(m.Count, "line")+")", strings.TrimSpace(f.Lines[m.First-1]))
	}
	first := true
	for _, d := range r.Declarations {
		if d.File != f.Path {
			continue
		}
		if first {
			fmt.Fprintf(w, "\nnamed as not shown:\n")
			first = false
		}
		writeDeclaration(w, d)
	}
	return nil
}

// writeDeclaration writes one not-shown declaration; one whose lines are
// all shown (or none counts) is marked stale, to be deleted.
func writeDeclaration(w io.Writer, d Declaration) {
	n := count(len(d.Lines), "line")
	if len(d.Lines) == 0 {
		n = "stale: every line is shown or does not count"
	}
	fmt.Fprintf(w, "  %s (%s, %s:%d): %s\n", d.Spec, n, d.Page, d.Line, d.Reason)
}

func count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
