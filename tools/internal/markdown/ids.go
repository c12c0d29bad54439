package markdown

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// idTransformer gives every heading without an explicit {#id} an id made
// the way mdBook makes them, so links written for mdBook keep working.
type idTransformer struct {
	prefix string
}

// Transform assigns the ids.
func (t *idTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var headings []*ast.Heading
	used := map[string]bool{}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			headings = append(headings, h)
			if id, ok := h.AttributeString("id"); ok {
				used[string(id.([]byte))] = true
			}
		}
		return ast.WalkContinue, nil
	})
	counts := map[string]int{}
	for _, h := range headings {
		if id, ok := h.AttributeString("id"); ok {
			h.SetAttributeString("id", []byte(t.prefix+string(id.([]byte))))
			continue
		}
		base := NormalizeID(inlineText(h, src))
		if base == "" {
			base = "section"
		}
		id := base
		for {
			if n := counts[base]; n > 0 {
				id = fmt.Sprintf("%s-%d", base, n)
			}
			counts[base]++
			if !used[id] {
				break
			}
		}
		used[id] = true
		h.SetAttributeString("id", []byte(t.prefix+id))
	}
}

// NormalizeID makes a heading id from heading text as mdBook does: letters,
// digits, "_" and "-" are kept (ASCII letters lower-cased), white space
// becomes "-", and everything else is dropped.
func NormalizeID(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_' || r == '-':
			if r < unicode.MaxASCII {
				r = unicode.ToLower(r)
			}
			b.WriteRune(r)
		case unicode.IsSpace(r):
			b.WriteByte('-')
		}
	}
	return b.String()
}
