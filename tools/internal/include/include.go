// Package include expands mdBook's "links" preprocessor directives in
// Markdown source: {{#include file}}, {{#include file:N:M}},
// {{#include file:anchor}} and {{#title ...}}, with \{{#...}} as an escape.
// It is stricter than mdBook: a missing file, a missing anchor and an
// out-of-range line selection are errors.
package include

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// MaxDepth is how deeply includes may nest, as in mdBook.
const MaxDepth = 10

// directive matches an escaped directive (group 0 starting with a
// backslash) or a directive with its name (group 1) and arguments (group 2).
var directive = regexp.MustCompile(`\\\{\{#.*\}\}|\{\{\s*#([a-zA-Z0-9_]+)\s+([^}]+)\}\}`)

// Result is the outcome of expanding one chapter.
type Result struct {
	// Text is the source with every directive replaced.
	Text string
	// Title is the argument of the last {{#title}} seen, or "".
	Title string
	// Listings lists what each {{#include}} put into Text, in order.
	Listings []Listing
}

// Listing is the text one {{#include}} directive put into a Result.
type Listing struct {
	// Start and End are the byte offsets of the included text in
	// Result.Text.
	Start, End int
	// File is the absolute path of the included file.
	File string
	// Selection is the part of the directive after the file name's
	// colon: "" for the whole file, an anchor name, or a line range.
	Selection string
	// Anchor is the anchor's name when Selection names one, or "".
	Anchor string
	// Lines holds the 1-based line number in File of each line of the
	// included text; it is nil when the included text had directives of
	// its own expanded, so that its lines are not File's.
	Lines []int
}

// Error is a directive that could not be expanded.
type Error struct {
	// File is the file holding the directive, as shown to the user.
	File string
	// Line is the 1-based line of the directive in File.
	Line int
	// Directive is the directive's text.
	Directive string
	// Msg says what went wrong.
	Msg string
	// Via lists the include directives ("file:line") through which File
	// was reached, innermost first.
	Via []string
}

// Error formats the problem as "file:line: directive: message".
func (e *Error) Error() string {
	s := fmt.Sprintf("%s:%d: %s: %s", e.File, e.Line, e.Directive, e.Msg)
	for _, v := range e.Via {
		s += "\n\tincluded from " + v
	}
	return s
}

// Expander expands directives. Its zero value is ready to use.
type Expander struct {
	// Root, when set, makes file names in error messages relative to it.
	Root string
}

// Expand replaces the directives in src, the contents of file. Relative
// include paths are resolved against the directory of file.
func (x *Expander) Expand(src []byte, file string) (*Result, error) {
	res := &Result{}
	out, listings, err := x.expand(string(src), file, 0, res)
	if err != nil {
		return nil, err
	}
	res.Text = out
	res.Listings = listings
	return res, nil
}

func (x *Expander) display(file string) string {
	if x.Root != "" {
		if rel, err := filepath.Rel(x.Root, file); err == nil && !strings.HasPrefix(rel, "..") {
			return rel
		}
	}
	return file
}

func (x *Expander) expand(text, file string, depth int, res *Result) (string, []Listing, error) {
	var b strings.Builder
	var listings []Listing
	last := 0
	for _, m := range directive.FindAllStringSubmatchIndex(text, -1) {
		b.WriteString(text[last:m[0]])
		last = m[1]
		whole := text[m[0]:m[1]]
		if whole[0] == '\\' {
			b.WriteString(whole[1:])
			continue
		}
		name, args := text[m[2]:m[3]], strings.TrimSpace(text[m[4]:m[5]])
		fail := func(format string, a ...any) error {
			line := strings.Count(text[:m[0]], "\n") + 1
			return &Error{File: x.display(file), Line: line, Directive: whole, Msg: fmt.Sprintf(format, a...)}
		}
		switch name {
		case "title":
			res.Title = args
		case "include":
			if depth >= MaxDepth {
				return "", nil, fail("includes nested more than %d deep; check for an include cycle", MaxDepth)
			}
			target, sel, content, nums, err := x.read(file, args)
			if err != nil {
				return "", nil, fail("%v", err)
			}
			inner, innerListings, err := x.expand(content, target, depth+1, res)
			if err != nil {
				if e, ok := err.(*Error); ok {
					line := strings.Count(text[:m[0]], "\n") + 1
					e.Via = append(e.Via, fmt.Sprintf("%s:%d", x.display(file), line))
				}
				return "", nil, err
			}
			start := b.Len()
			l := Listing{Start: start, End: start + len(inner), File: target, Selection: sel}
			if inner == content {
				l.Lines = nums
			}
			if _, err := strconv.Atoi(strings.SplitN(sel, ":", 2)[0]); err != nil && sel != "" && !strings.HasPrefix(sel, ":") {
				l.Anchor = sel
			}
			listings = append(listings, l)
			for _, il := range innerListings {
				il.Start += start
				il.End += start
				listings = append(listings, il)
			}
			b.WriteString(inner)
		case "rustdoc_include", "playground":
			return "", nil, fail("{{#%s}} is Rust-specific and not supported by this renderer; use {{#include}}", name)
		default:
			// mdBook leaves unknown directives alone, and so do we.
			b.WriteString(whole)
		}
	}
	b.WriteString(text[last:])
	return b.String(), listings, nil
}

// read resolves the arguments of an include directive found in file and
// returns the included file's path, the selection, the selected text and
// the line number of each of its lines.
func (x *Expander) read(file, args string) (target, sel, text string, nums []int, err error) {
	fields := strings.Fields(args)
	if len(fields) == 0 {
		return "", "", "", nil, fmt.Errorf("no file named")
	}
	spec := fields[0]
	pathPart, sel, hasSel := strings.Cut(spec, ":")
	target = pathPart
	if !filepath.IsAbs(target) {
		target = filepath.Join(filepath.Dir(file), filepath.FromSlash(pathPart))
	}
	data, err := ReadSource(target)
	if err != nil {
		if os.IsNotExist(err) {
			return "", "", "", nil, fmt.Errorf("file %s does not exist", x.display(target))
		}
		return "", "", "", nil, err
	}
	if !hasSel {
		sel = ""
	}
	lines, nums, err := SelectLines(string(data), sel)
	if err != nil {
		return "", "", "", nil, fmt.Errorf("%s: %w", x.display(target), err)
	}
	return target, sel, strings.Join(lines, "\n"), nums, nil
}
