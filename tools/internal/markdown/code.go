package markdown

import (
	"bytes"
	"fmt"
	"html"
	"io"
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
// chroma knows the language. A block that listing knows becomes a
// <figure> with a caption, one <span class="line"> per line.
type codeRenderer struct {
	listing func(start int) *Listing
}

// RegisterFuncs registers the code block renderers.
func (c codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, c.renderCode)
	reg.Register(ast.KindCodeBlock, c.renderCode)
}

func (c codeRenderer) renderCode(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
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
	if c.listing != nil && lines.Len() > 0 {
		if l := c.listing(lines.At(0).Start); l != nil {
			return ast.WalkSkipChildren, writeListing(w, lang, code.String(), l)
		}
	}
	return ast.WalkSkipChildren, writeCode(w, lang, code.String())
}

// writeListing writes a captioned code block, one span per line; a new
// line is marked with the class "new" and starts with a visually hidden
// "new:" for screen readers.
func writeListing(w util.BufWriter, lang, code string, l *Listing) error {
	fmt.Fprintf(w, "<figure class=\"listing\">\n<figcaption>%s</figcaption>\n", l.CaptionHTML)
	if err := WriteLines(w, lang, code, func(i int) (string, string) {
		if i < len(l.New) && l.New[i] {
			return ` class="line new"`, `<span class="visually-hidden">new: </span>`
		}
		return ` class="line"`, ""
	}); err != nil {
		return err
	}
	_, _ = w.WriteString("</figure>\n")
	return nil
}

// WriteLines writes code as <pre><code>, highlighted as lang when chroma
// knows it, with each line (its newline included) in a <span>: line(i)
// returns the attributes of the span of line i (0-based, with a leading
// space) and HTML to put at its start.
func WriteLines(w io.Writer, lang, code string, line func(i int) (attrs, prefix string)) error {
	lexer := lexers.Get(lang)
	if lang == "" {
		lexer = nil
	}
	var tokens []chroma.Token
	if lexer != nil {
		it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
		if err != nil {
			return fmt.Errorf("highlighting %s code: %w", lang, err)
		}
		tokens = it.Tokens()
	} else {
		tokens = []chroma.Token{{Type: chroma.Text, Value: code}}
	}
	pre, class := "<pre>", ""
	if lexer != nil {
		pre = `<pre class="chroma">`
	}
	if lang != "" {
		class = ` class="language-` + string(util.EscapeHTML([]byte(lang))) + `"`
	}
	var b strings.Builder
	b.WriteString(pre + "<code" + class + ">")
	for i, ln := range chroma.SplitTokensIntoLines(tokens) {
		attrs, prefix := line(i)
		b.WriteString("<span" + attrs + ">" + prefix)
		for _, t := range ln {
			esc := html.EscapeString(t.Value)
			if cls := tokenClass(t.Type); cls != "" {
				b.WriteString(`<span class="` + cls + `">` + esc + "</span>")
			} else {
				b.WriteString(esc)
			}
		}
		b.WriteString("</span>")
	}
	b.WriteString("</code></pre>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// tokenClass is the CSS class chroma's HTML formatter gives a token of
// type t, or "" for plain text.
func tokenClass(t chroma.TokenType) string {
	for _, tt := range []chroma.TokenType{t, t.SubCategory(), t.Category()} {
		if cls, ok := chroma.StandardTypes[tt]; ok {
			return cls
		}
	}
	return ""
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
