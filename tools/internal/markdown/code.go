package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// codeRenderer writes code blocks as <pre><code class="language-X">, with
// the code highlighted by chroma (CSS classes, no inline colours) when
// chroma knows the language.
type codeRenderer struct{}

// RegisterFuncs registers the code block renderers.
func (codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, renderCode)
	reg.Register(ast.KindCodeBlock, renderCode)
}

func renderCode(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	var lang string
	if fb, ok := n.(*ast.FencedCodeBlock); ok {
		// mdBook allows attributes after a comma: ```go,ignore
		lang, _, _ = strings.Cut(string(fb.Language(src)), ",")
	}
	var code bytes.Buffer
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		code.Write(seg.Value(src))
	}
	return ast.WalkSkipChildren, writeCode(w, lang, code.String())
}

var formatter = chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(true))

func writeCode(w util.BufWriter, lang, code string) error {
	if lang == "" {
		_, _ = w.WriteString("<pre><code>")
		_, _ = w.Write(util.EscapeHTML([]byte(code)))
		_, _ = w.WriteString("</code></pre>\n")
		return nil
	}
	class := "language-" + string(util.EscapeHTML([]byte(lang)))
	lexer := lexers.Get(lang)
	if lexer == nil {
		fmt.Fprintf(w, `<pre><code class="%s">`, class)
		_, _ = w.Write(util.EscapeHTML([]byte(code)))
		_, _ = w.WriteString("</code></pre>\n")
		return nil
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
	if err != nil {
		return fmt.Errorf("highlighting %s code: %w", lang, err)
	}
	fmt.Fprintf(w, `<pre class="chroma"><code class="%s">`, class)
	if err := formatter.Format(w, styles.Fallback, it); err != nil {
		return err
	}
	_, _ = w.WriteString("</code></pre>\n")
	return nil
}

// cssRule matches one line of chroma's CSS: an optional comment, a
// selector for a token class and its declarations.
var cssRule = regexp.MustCompile(`^(?:/\*.*?\*/\s*)?(\.chroma \.[a-z0-9]+)\s*(\{.*\})\s*$`)

// HighlightCSS returns style sheet rules for the token classes of two
// chroma styles, the first scoped to "html.light" and the second to
// "html.dark", so the page's theme class picks the colours.
func HighlightCSS(light, dark string) (string, error) {
	var out strings.Builder
	for _, s := range []struct{ style, scope string }{{light, "html.light"}, {dark, "html.dark"}} {
		st := styles.Get(s.style)
		if st == nil || st.Name != s.style {
			return "", fmt.Errorf("unknown chroma style %q", s.style)
		}
		var buf bytes.Buffer
		if err := formatter.WriteCSS(&buf, st); err != nil {
			return "", err
		}
		for _, line := range strings.Split(buf.String(), "\n") {
			m := cssRule.FindStringSubmatch(line)
			if m == nil || strings.HasPrefix(m[1], ".chroma .ln") || m[1] == ".chroma .line" || m[1] == ".chroma .hl" {
				continue
			}
			fmt.Fprintf(&out, "%s %s %s\n", s.scope, m[1], m[2])
		}
	}
	return out.String(), nil
}
