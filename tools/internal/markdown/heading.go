package markdown

import (
	"fmt"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// headingRenderer writes headings as mdBook does, with the text wrapped in
// a link to the heading itself: <h2 id="x"><a class="header" href="#x">.
type headingRenderer struct{}

// RegisterFuncs registers the heading renderer.
func (headingRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, renderHeading)
}

func renderHeading(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	h := n.(*ast.Heading)
	id, hasID := h.AttributeString("id")
	if entering {
		fmt.Fprintf(w, "<h%d", h.Level)
		html.RenderAttributes(w, h, html.HeadingAttributeFilter)
		_, _ = w.WriteString(">")
		if hasID {
			_, _ = w.WriteString(`<a class="header" href="#`)
			_, _ = w.Write(util.EscapeHTML(id.([]byte)))
			_, _ = w.WriteString(`">`)
		}
		return ast.WalkContinue, nil
	}
	if hasID {
		_, _ = w.WriteString("</a>")
	}
	fmt.Fprintf(w, "</h%d>\n", h.Level)
	return ast.WalkContinue, nil
}
