package markdown

import (
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// inlineText returns the plain text of n's inline content.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	writeText(&b, n, src)
	return collapse(b.String())
}

// writeText appends the plain text of n and its descendants: text, code
// and code blocks, but no raw HTML.
func writeText(b *strings.Builder, n ast.Node, src []byte) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if c.Type() == ast.TypeBlock {
				b.WriteByte(' ')
			}
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.WriteString(html.UnescapeString(string(c.Value)))
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines := c.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				b.Write(seg.Value(src))
			}
			b.WriteByte(' ')
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// outline lists the document's headings and splits its text into sections
// at headings of level splitLevel or less.
func outline(doc ast.Node, src []byte, splitLevel int) ([]Heading, []Section) {
	var headings []Heading
	var sections []Section
	cur := Section{}
	var body strings.Builder
	flush := func() {
		cur.Text = collapse(body.String())
		if cur.Text != "" || cur.Heading.ID != "" {
			sections = append(sections, cur)
		}
		body.Reset()
	}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		if !ok {
			writeText(&body, n, src)
			continue
		}
		id, _ := h.AttributeString("id")
		idBytes, _ := id.([]byte)
		hd := Heading{Level: h.Level, ID: string(idBytes), Text: inlineText(h, src)}
		headings = append(headings, hd)
		if h.Level <= splitLevel {
			flush()
			cur = Section{Heading: hd}
		} else {
			body.WriteString(hd.Text + " ")
		}
	}
	flush()
	return headings, sections
}
