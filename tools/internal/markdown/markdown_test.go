package markdown

import (
	"strings"
	"testing"
)

func render(t *testing.T, src string, opt Options) *Doc {
	t.Helper()
	doc, err := Render([]byte(src), opt)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func contains(t *testing.T, html string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(html, w) {
			t.Errorf("output lacks %q:\n%s", w, html)
		}
	}
}

func TestHeadings(t *testing.T) {
	doc := render(t, "# Hello, `World`!\n\n## Example\n\n## Example\n\n## Custom {#mine}\n\n## Ünïcode & [link](x.md) text\n", Options{})
	contains(t, doc.HTML,
		`<h1 id="hello-world"><a class="header" href="#hello-world">Hello, <code>World</code>!</a></h1>`,
		`<h2 id="example"><a class="header" href="#example">`,
		`<h2 id="example-1">`,
		`<h2 id="mine"><a class="header" href="#mine">Custom</a></h2>`,
		`<h2 id="Ünïcode--link-text">`,
	)
	doc = render(t, "# A\n\n## B {#b}\n", Options{IDPrefix: "ch--"})
	contains(t, doc.HTML, `id="ch--a"`, `href="#ch--a"`, `id="ch--b"`)
}

func TestNormalizeID(t *testing.T) {
	tests := map[string]string{
		"Hello World":         "hello-world",
		"  Trim me  ":         "trim-me",
		"epoll_wait(2) — why": "epoll_wait2--why",
		"Go 1.26":             "go-126",
		"ÄÖ":                  "ÄÖ",
		"a-b_c":               "a-b_c",
	}
	for in, want := range tests {
		if got := NormalizeID(in); got != want {
			t.Errorf("NormalizeID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGoHighlighting(t *testing.T) {
	doc := render(t, "```go\nfunc main() {}\n```\n\n```go,ignore\nvar x = 1\n```\n\n```nosuchlang\na < b\n```\n\n    indented\n", Options{})
	contains(t, doc.HTML,
		`<pre class="chroma"><code class="language-go"><span class="kd">func</span>`,
		`<span class="nf">main</span>`,
		`<span class="kd">var</span>`,
		`<pre><code class="language-nosuchlang">a &lt; b`,
		`<pre><code>indented`,
	)
}

func TestHighlightCSS(t *testing.T) {
	css, err := HighlightCSS("github", "github-dark")
	if err != nil {
		t.Fatal(err)
	}
	contains(t, css, "html.light .chroma .kd {", "html.dark .chroma .kd {")
	if strings.Contains(css, ".bg") || strings.Contains(css, "/*") {
		t.Errorf("CSS keeps background or comment rules:\n%s", css)
	}
	if _, err := HighlightCSS("github", "no-such-style"); err == nil {
		t.Error("unknown style accepted")
	}
}

func TestLinksAndExtensions(t *testing.T) {
	var seen []string
	opt := Options{
		SmartPunctuation: true,
		DefinitionLists:  true,
		Admonitions:      true,
		RewriteLink: func(dest string, image bool) string {
			seen = append(seen, dest)
			if image {
				return "img/" + dest
			}
			return strings.Replace(dest, ".md", ".html", 1)
		},
	}
	src := `It's "quoted" -- see [next](next.md#top) and ![pic](p.png).

> [!WARNING]
> Be careful.

> Plain quote.

Term
: Definition.

| a | b |
|---|---|
| 1 | 2 |

~~gone~~ and a footnote.[^1]

[^1]: The note.
`
	doc := render(t, src, opt)
	contains(t, doc.HTML,
		"It&rsquo;s &ldquo;quoted&rdquo; &ndash; see",
		`<a href="next.html#top">next</a>`,
		`<img src="img/p.png" alt="pic">`,
		"<blockquote class=\"blockquote-tag blockquote-tag-warning\">\n<p class=\"blockquote-tag-title\">Warning</p>\n<p>Be careful.</p>",
		"<blockquote>\n<p>Plain quote.</p>",
		"<dl>", "<dt>Term</dt>",
		"<table>", "<del>gone</del>",
		`id="fn:1"`,
	)
	if strings.Join(seen, ",") != "next.md#top,p.png" {
		t.Errorf("rewriter saw %v", seen)
	}
	plain := render(t, src, Options{})
	contains(t, plain.HTML, "It's &quot;quoted&quot; --", "<p>[!WARNING]")
}

func TestSections(t *testing.T) {
	src := "Intro text.\n\n# Title\n\nFirst *para*.\n\n```go\nepoll.Wait()\n```\n\n## Sub\n\nSub text.\n\n#### Deep\n\nDeep text.\n"
	doc := render(t, src, Options{SplitLevel: 2})
	var got []string
	for _, s := range doc.Sections {
		got = append(got, s.Heading.ID+"="+s.Text)
	}
	want := "=Intro text.|title=First para. epoll.Wait()|sub=Sub text. Deep Deep text."
	if strings.Join(got, "|") != want {
		t.Errorf("sections:\n%s\nwant:\n%s", strings.Join(got, "|"), want)
	}
	if len(doc.Headings) != 3 || doc.Headings[2].Level != 4 || doc.Headings[1].Text != "Sub" {
		t.Errorf("headings = %+v", doc.Headings)
	}
}

func TestListing(t *testing.T) {
	src := "Text.\n\n```go\nx := 1\ny := 2\n```\n\n```go\nz := 3\n```\n"
	start := strings.Index(src, "x := 1")
	asked := []int{}
	doc := render(t, src, Options{Listing: func(s int) *Listing {
		asked = append(asked, s)
		if s != start {
			return nil
		}
		return &Listing{CaptionHTML: `<a href="f.go">f.go</a>`, New: []bool{false, true}}
	}})
	contains(t, doc.HTML,
		"<figure class=\"listing\">\n<figcaption><a href=\"f.go\">f.go</a></figcaption>\n<pre class=\"chroma\"><code class=\"language-go\"><span class=\"line\"><span class=\"nx\">x</span>",
		`<span class="line new"><span class="visually-hidden">new: </span><span class="nx">y</span>`,
		"</code></pre>\n</figure>",
		// The other block is not a listing: no caption, no line spans.
		`<pre class="chroma"><code class="language-go"><span class="nx">z</span>`)
	if len(asked) != 2 || asked[0] != start {
		t.Errorf("asked about blocks at %v, want %d first", asked, start)
	}
	if n := strings.Count(doc.HTML, "<figure"); n != 1 {
		t.Errorf("%d figures, want 1", n)
	}
}
