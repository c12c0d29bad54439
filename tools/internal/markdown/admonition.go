package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindAdmonition is the node kind of Admonition.
var KindAdmonition = ast.NewNodeKind("Admonition")

// Admonition is a block quote that starts with a GitHub-style marker line
// such as "[!NOTE]"; its children are the quote's remaining blocks.
type Admonition struct {
	ast.BaseBlock
	// Tag is the lower-case marker: note, tip, important, warning or
	// caution.
	Tag string
}

// Kind returns KindAdmonition.
func (a *Admonition) Kind() ast.NodeKind { return KindAdmonition }

// Dump prints the node for debugging.
func (a *Admonition) Dump(src []byte, level int) {
	ast.DumpHelper(a, src, level, map[string]string{"Tag": a.Tag}, nil)
}

var admonitionMarker = regexp.MustCompile(`(?i)^\s*\[!(note|tip|important|warning|caution)\]\s*$`)

// admonitionTransformer replaces marked block quotes by Admonition nodes.
type admonitionTransformer struct{}

// Transform finds and replaces the block quotes.
func (admonitionTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if q, ok := n.(*ast.Blockquote); ok && entering {
			quotes = append(quotes, q)
		}
		return ast.WalkContinue, nil
	})
	for _, q := range quotes {
		para, ok := q.FirstChild().(*ast.Paragraph)
		if !ok || para.Lines().Len() == 0 {
			continue
		}
		first := para.Lines().At(0)
		m := admonitionMarker.FindSubmatch(bytes.TrimRight(first.Value(src), "\r\n"))
		if m == nil {
			continue
		}
		// Drop the inline nodes of the marker line.
		for c := para.FirstChild(); c != nil; {
			next := c.NextSibling()
			t, ok := c.(*ast.Text)
			if !ok || t.Segment.Start >= first.Stop {
				break
			}
			para.RemoveChild(para, c)
			c = next
		}
		if para.FirstChild() == nil {
			q.RemoveChild(q, para)
		}
		adm := &Admonition{Tag: strings.ToLower(string(m[1]))}
		for c := q.FirstChild(); c != nil; {
			next := c.NextSibling()
			adm.AppendChild(adm, c)
			c = next
		}
		q.Parent().ReplaceChild(q.Parent(), q, adm)
	}
}

// admonitionRenderer writes Admonition nodes in mdBook's markup.
type admonitionRenderer struct{}

// RegisterFuncs registers the admonition renderer.
func (admonitionRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindAdmonition, renderAdmonition)
}

func renderAdmonition(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	a := n.(*Admonition)
	if entering {
		title := strings.ToUpper(a.Tag[:1]) + a.Tag[1:]
		fmt.Fprintf(w, "<blockquote class=\"blockquote-tag blockquote-tag-%s\">\n<p class=\"blockquote-tag-title\">%s</p>\n", a.Tag, title)
	} else {
		_, _ = w.WriteString("</blockquote>\n")
	}
	return ast.WalkContinue, nil
}
