// Package lint holds checks on the book's Markdown sources that rendering
// alone does not catch.
package lint

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// MaxPastedGoLines is the longest a ```go block may be when its lines are
// written into the Markdown rather than included from a real Go file.
const MaxPastedGoLines = 5

// Problem is a finding in a source file.
type Problem struct {
	// File is the Markdown file, as passed to PastedGo.
	File string
	// Line is the 1-based line of the opening fence.
	Line int
	// Msg describes the problem.
	Msg string
}

// String formats the problem as "file:line: message".
func (p Problem) String() string { return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg) }

// PastedGo reports fenced Go code blocks in src (the unexpanded source of
// file) with more than max lines that do not come from an
// {{#include ...}} directive. Lines that are themselves include directives
// do not count, and neither do blank lines at the start or end of the
// block; any other line counts as pasted.
func PastedGo(file string, src []byte, max int) []Problem {
	doc := goldmark.New().Parser().Parse(text.NewReader(src))
	var problems []Problem
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		fb, ok := n.(*ast.FencedCodeBlock)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		lang, _, _ := strings.Cut(string(fb.Language(src)), ",")
		if lang != "go" && lang != "golang" {
			return ast.WalkSkipChildren, nil
		}
		var body []string
		lines := fb.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			body = append(body, strings.TrimRight(string(seg.Value(src)), "\r\n"))
		}
		for len(body) > 0 && strings.TrimSpace(body[0]) == "" {
			body = body[1:]
		}
		for len(body) > 0 && strings.TrimSpace(body[len(body)-1]) == "" {
			body = body[:len(body)-1]
		}
		pasted := 0
		for _, l := range body {
			if !isIncludeLine(l) {
				pasted++
			}
		}
		if pasted > max {
			problems = append(problems, Problem{
				File: file,
				Line: fenceLine(fb, src),
				Msg:  fmt.Sprintf("```go block has %d pasted lines (more than %d); put the code in a real .go file and {{#include}} it", pasted, max),
			})
		}
		return ast.WalkSkipChildren, nil
	})
	return problems
}

// isIncludeLine reports whether a line consists only of an unescaped
// {{#include ...}} directive.
func isIncludeLine(l string) bool {
	t := strings.TrimSpace(l)
	if len(t) < 4 || !strings.HasPrefix(t, "{{") || !strings.HasSuffix(t, "}}") {
		return false
	}
	name, args, ok := strings.Cut(strings.TrimSpace(t[2:len(t)-2]), " ")
	return ok && name == "#include" && strings.TrimSpace(args) != ""
}

// fenceLine returns the line of the block's opening fence, which holds the
// info string.
func fenceLine(fb *ast.FencedCodeBlock, src []byte) int {
	return bytes.Count(src[:fb.Info.Segment.Start], []byte("\n")) + 1
}
