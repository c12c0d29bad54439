package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// linkTransformer passes every link and image destination through a
// caller-supplied function (used to turn chapter.md into chapter.html).
type linkTransformer struct {
	rewrite func(dest string, image bool) string
}

// Transform rewrites the destinations.
func (t *linkTransformer) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = []byte(t.rewrite(string(n.Destination), false))
		case *ast.Image:
			n.Destination = []byte(t.rewrite(string(n.Destination), true))
		}
		return ast.WalkContinue, nil
	})
}
