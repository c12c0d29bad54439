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
	out, err := x.expand(string(src), file, 0, res)
	if err != nil {
		return nil, err
	}
	res.Text = out
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

func (x *Expander) expand(text, file string, depth int, res *Result) (string, error) {
	var b strings.Builder
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
				return "", fail("includes nested more than %d deep; check for an include cycle", MaxDepth)
			}
			target, content, err := x.read(file, args)
			if err != nil {
				return "", fail("%v", err)
			}
			inner, err := x.expand(content, target, depth+1, res)
			if err != nil {
				if e, ok := err.(*Error); ok {
					line := strings.Count(text[:m[0]], "\n") + 1
					e.Via = append(e.Via, fmt.Sprintf("%s:%d", x.display(file), line))
				}
				return "", err
			}
			b.WriteString(inner)
		case "rustdoc_include", "playground":
			return "", fail("{{#%s}} is Rust-specific and not supported by this renderer; use {{#include}}", name)
		default:
			// mdBook leaves unknown directives alone, and so do we.
			b.WriteString(whole)
		}
	}
	b.WriteString(text[last:])
	return b.String(), nil
}

// read resolves the arguments of an include directive found in file and
// returns the included file's path and the selected text.
func (x *Expander) read(file, args string) (string, string, error) {
	fields := strings.Fields(args)
	if len(fields) == 0 {
		return "", "", fmt.Errorf("no file named")
	}
	spec := fields[0]
	pathPart, sel, hasSel := strings.Cut(spec, ":")
	target := pathPart
	if !filepath.IsAbs(target) {
		target = filepath.Join(filepath.Dir(file), filepath.FromSlash(pathPart))
	}
	data, err := os.ReadFile(target)
	if err != nil {
		if os.IsNotExist(err) {
			return "", "", fmt.Errorf("file %s does not exist", x.display(target))
		}
		return "", "", err
	}
	if !hasSel {
		sel = ""
	}
	text, err := Select(string(data), sel)
	if err != nil {
		return "", "", fmt.Errorf("%s: %w", x.display(target), err)
	}
	return target, text, nil
}
