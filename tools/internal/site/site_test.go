package site

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const fixture = "../../testdata/fixture"

// buildFixture renders the fixture book into a fresh directory.
func buildFixture(t *testing.T) (string, *Result) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	res, err := Build(Options{Dir: fixture, DestDir: out})
	if err != nil {
		t.Fatal(err)
	}
	return out, res
}

func read(t *testing.T, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func has(t *testing.T, name, doc string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(doc, w) {
			t.Errorf("%s lacks %q", name, w)
		}
	}
}

func hasNot(t *testing.T, name, doc string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(doc, w) {
			t.Errorf("%s contains %q", name, w)
		}
	}
}

func TestFixturePages(t *testing.T) {
	out, res := buildFixture(t)
	if res.Pages != 9 { // 6 chapters, print.html, 404.html, one diff page
		t.Errorf("wrote %d pages, want 9", res.Pages)
	}
	for _, f := range []string{"index.html", "poll.html", "poll/edge.html", "threads.html", "output.html", "glossary.html",
		"print.html", "404.html", "searchindex.js", "search.js", "book.js", "theme/book.css", "theme/highlight.css",
		"favicon.svg", "images/diagram.svg"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "README.html")); err == nil {
		t.Error("README.html written; README.md should become index.html")
	}

	poll := read(t, out, "poll.html")
	has(t, "poll.html", poll,
		// The sidebar marks the current page, numbers chapters and shows
		// part titles, separators and the draft.
		`<a href="poll.html" class="active" aria-current="page"><strong class="section-number" aria-hidden="true">1.</strong> Polling with epoll</a>`,
		`<a href="poll/edge.html"><strong class="section-number" aria-hidden="true">1.1.</strong> Edge cases</a>`,
		`<li class="part-title">Basics</li>`, `<li class="part-title">Advanced</li>`,
		`<li class="spacer" role="separator"></li>`,
		`<li class="chapter-item draft"><span title="This chapter is not written yet"><strong class="section-number" aria-hidden="true">3.</strong> Not written yet</span>`,
		`<a href="glossary.html">Glossary</a>`,
		// Previous and next.
		`<a rel="prev" class="nav-chapters previous" href="index.html" title="Previous chapter: Introduction"`,
		`<a rel="next" class="nav-chapters next" href="poll/edge.html" title="Next chapter: Edge cases"`,
		`<link rel="prev" href="index.html">`,
		// Content: anchors, highlighting, includes, escapes, rewritten links.
		`<h2 id="the-loop"><a class="header" href="#the-loop">The loop</a></h2>`,
		`<pre class="chroma"><code class="language-go"><span class="line"><span class="kd">func</span>`,
		`<span class="c1">// ANCHOR: loop</span>`, // lines 3:5 are taken as they are
		`<code class="language-console"><span class="line"><span class="gp">$</span> go run ./code`,
		"write {{#include file.go:anchor}} in the Markdown",
		`<a href="poll/edge.html">edge cases</a>`, `<a href="glossary.html#epoll">glossary</a>`,
		`<title>Polling with epoll - Fixture Book</title>`,
		`<a class="icon-button" href="print.html"`,
		`href="https://example.com/fixture/edit/main/src/poll.md"`,
		`<script src="search.js"></script>`,
	)
	hasNot(t, "poll.html", poll, "ANCHOR: inner", "ANCHOR_END", "{{#include ../code")
	if n := strings.Count(poll, `class="active"`); n != 1 {
		t.Errorf("poll.html has %d active sidebar entries", n)
	}

	edge := read(t, out, "poll/edge.html")
	has(t, "poll/edge.html", edge,
		`<a href="../poll.html">`, `<a href="edge.html" class="active" aria-current="page">`,
		`<link rel="stylesheet" href="../theme/book.css">`, `<body data-root="../"`,
		`<a href="../poll.html#the-loop">the loop</a>`, `<img src="../images/diagram.svg"`,
		`<a rel="next" class="nav-chapters next" href="../threads.html"`,
	)

	index := read(t, out, "index.html")
	has(t, "index.html", index, `<a href="index.html" class="active" aria-current="page">Introduction</a>`,
		`<a href="poll.html#the-loop">the loop</a>`, "it&rsquo;s small&hellip;", "&ldquo;fixture&rdquo;",
		`blockquote-tag-note`, "<table>")
	hasNot(t, "index.html", index, `rel="prev"`)

	threads := read(t, out, "threads.html")
	has(t, "threads.html", threads, "<title>Threads and the scheduler - Fixture Book</title>",
		`<h2 id="example">`, `<h2 id="example-1">`, `id="fn:1"`,
		`<a rel="next" class="nav-chapters next" href="output.html"`) // the draft is skipped
	hasNot(t, "threads.html", threads, "{{#title")

	output := read(t, out, "output.html")
	has(t, "output.html", output, "This paragraph comes from an included Markdown file",
		"<code>package main</code>")

	glossary := read(t, out, "glossary.html")
	has(t, "glossary.html", glossary, `<a href="threads.html#example-1">Threads</a>`, "<dt>Readiness</dt>")
	hasNot(t, "glossary.html", glossary, `rel="next"`)

	notFound := read(t, out, "404.html")
	has(t, "404.html", notFound, `<base href="/">`, "Document not found")
}

func TestFixtureSearchIndex(t *testing.T) {
	out, _ := buildFixture(t)
	js := read(t, out, "searchindex.js")
	if !strings.HasPrefix(js, "window.bookSearchIndex = {") {
		t.Fatalf("searchindex.js starts with %q", js[:40])
	}
	has(t, "searchindex.js", js,
		`"u":"poll.html#the-loop"`, `"b":"Polling with epoll » The loop"`,
		`"limitResults":20`, `"teaserWordCount":30`,
		"readiness interface is called epoll", // a word from a chapter
		`"u":"poll/edge.html#edge-cases"`,
	)
}

func TestFixturePrintPage(t *testing.T) {
	out, res := buildFixture(t)
	print := read(t, out, "print.html")
	for _, ch := range res.Book.Chapters {
		id := `<div class="print-chapter" id="` + slug(ch.Out) + `">`
		if !strings.Contains(print, id) {
			t.Errorf("print.html lacks chapter %s (%s)", ch.Item.Path, id)
		}
	}
	has(t, "print.html", print,
		"<h1 id=\"poll--polling-with-epoll\">", ">Edge cases</a></h1>", "Goroutines run on OS threads",
		"Linux&rsquo;s scalable readiness notification",
		`<a href="#poll--the-loop">the loop</a>`, // a link to another chapter's heading
		`<a href="#poll-edge">edge cases</a>`,    // a link to another chapter
		`<img src="images/diagram.svg"`,          // relative to the root now
		`<a class="header" href="#threads--example-1">`,
		`window.print()`, `<body data-root="" data-copyable="true" class="print-page page-break">`,
	)
	if n := strings.Count(print, `class="print-chapter"`); n != 6 {
		t.Errorf("print.html has %d chapters, want 6", n)
	}
	if strings.Contains(print, `class="active"`) {
		t.Error("print.html marks a chapter as current")
	}
}

// copyFixture copies the fixture book into a temporary directory, so a
// test can change it.
func copyFixture(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "book")
	if err := os.CopyFS(dst, os.DirFS(fixture)); err != nil {
		t.Fatal(err)
	}
	return dst
}

func edit(t *testing.T, dir, name, old, new string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	if old == "" {
		s += new
	} else {
		if !strings.Contains(s, old) {
			t.Fatalf("%s does not contain %q", name, old)
		}
		s = strings.Replace(s, old, new, 1)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, dir string)
		want   string
	}{
		{"broken chapter link", func(t *testing.T, dir string) {
			edit(t, dir, "src/threads.md", "", "\nSee [nothing](nothing.md).\n")
		}, `threads.html: broken link "nothing.html": nothing.html does not exist (in src/threads.md)`},
		{"broken fragment", func(t *testing.T, dir string) {
			edit(t, dir, "src/glossary.md", "threads.md#example-1", "threads.md#example-2")
		}, `glossary.html: broken link "threads.html#example-2": threads.html has no element with id "example-2"`},
		{"missing anchor", func(t *testing.T, dir string) {
			edit(t, dir, "src/poll.md", ":loop}}", ":lop}}")
		}, `src/poll.md:8: {{#include ../code/poll.go:lop}}: code/poll.go: anchor "lop" not found`},
		{"missing included file", func(t *testing.T, dir string) {
			edit(t, dir, "src/poll.md", "output.txt", "output.log")
		}, "src/poll.md:20: {{#include ../code/output.log}}: file code/output.log does not exist"},
		{"missing chapter file", func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, "src/threads.md")); err != nil {
				t.Fatal(err)
			}
		}, "src/SUMMARY.md:11: chapter file src/threads.md does not exist (build.create-missing is false)"},
		{"summary error", func(t *testing.T, dir string) {
			edit(t, dir, "src/SUMMARY.md", "", "\n- [Late](late.md)\n")
		}, "src/SUMMARY.md:22: suffix chapters cannot be followed by a list"},
		{"unknown config key", func(t *testing.T, dir string) {
			edit(t, dir, "mdbook.toml", "[build]", "[build]\nbuilddir = \"x\"")
		}, `mdbook.toml:11:1: unknown key "build.builddir"`},
		{"build dir is src", func(t *testing.T, dir string) {
			edit(t, dir, "mdbook.toml", `build-dir = "out"`, `build-dir = "src"`)
		}, "is the source directory"},
		{"build dir inside src", func(t *testing.T, dir string) {
			edit(t, dir, "mdbook.toml", `build-dir = "out"`, `build-dir = "src/html"`)
		}, "is the source directory"},
		{"build dir is the root", func(t *testing.T, dir string) {
			edit(t, dir, "mdbook.toml", `build-dir = "out"`, `build-dir = "."`)
		}, "contains the book's sources"},
		{"build dir above the root", func(t *testing.T, dir string) {
			edit(t, dir, "mdbook.toml", `build-dir = "out"`, `build-dir = ".."`)
		}, "contains the book's sources"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyFixture(t)
			tt.change(t, dir)
			_, err := Build(Options{Dir: dir})
			if err == nil {
				t.Fatal("Build succeeded")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error:\n%v\nwant it to contain:\n%s", err, tt.want)
			}
		})
	}
}

func TestBuildDirIsEmptiedAndSourcesKept(t *testing.T) {
	dir := copyFixture(t)
	stale := filepath.Join(dir, "out", "stale.html")
	if err := os.MkdirAll(filepath.Dir(stale), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stale, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Build(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if res.OutDir != filepath.Join(dir, "out") {
		t.Errorf("OutDir = %s", res.OutDir)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("a stale file survived the build")
	}
	if _, err := os.Stat(filepath.Join(dir, "src", "SUMMARY.md")); err != nil {
		t.Error("the sources were touched")
	}
	// A refused build directory is left alone.
	edit(t, dir, "mdbook.toml", `build-dir = "out"`, `build-dir = "src"`)
	if _, err := Build(Options{Dir: dir}); err == nil {
		t.Fatal("build-dir = src accepted")
	}
	if _, err := os.Stat(filepath.Join(dir, "src", "poll.md")); err != nil {
		t.Error("a refused build still emptied the source directory")
	}
}

func TestCreateMissing(t *testing.T) {
	dir := copyFixture(t)
	edit(t, dir, "mdbook.toml", "create-missing = false", "create-missing = true")
	edit(t, dir, "src/SUMMARY.md", "- [Not written yet]()", "- [Brand new](new/chapter.md)")
	res, err := Build(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "src", "new", "chapter.md"))
	if err != nil || string(data) != "# Brand new\n" {
		t.Errorf("created chapter = %q, %v", data, err)
	}
	if len(res.Book.Warnings) != 1 || !strings.Contains(res.Book.Warnings[0], "created missing chapter file src/new/chapter.md") {
		t.Errorf("warnings = %v", res.Book.Warnings)
	}
}

func TestIndexFallbackAndOptions(t *testing.T) {
	dir := copyFixture(t)
	// Without README.md the first chapter doubles as index.html.
	edit(t, dir, "src/SUMMARY.md", "[Introduction](README.md)\n", "")
	edit(t, dir, "mdbook.toml", "[output.html]", `[output.html]
no-section-label = true
default-theme = "navy"
additional-css = ["extra/custom.css"]
cname = "book.example.com"
`)
	edit(t, dir, "mdbook.toml", "", `
[output.html.print]
enable = false

[output.html.redirect]
"/old/poll.html" = "../poll.html"

[output.html.search.chapter]
"poll.md" = { enable = false }
"poll" = { enable = false }
"poll/edge.md" = { enable = true }
`)
	if err := os.MkdirAll(filepath.Join(dir, "extra"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "extra", "custom.css"), []byte("body{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Build(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	out := res.OutDir
	index, poll := read(t, out, "index.html"), read(t, out, "poll.html")
	if index != poll {
		t.Error("index.html is not a copy of the first chapter")
	}
	has(t, "poll.html", poll, `class="dark sidebar-visible"`, `<link rel="stylesheet" href="extra/custom.css">`,
		`aria-current="page">Polling with epoll</a>`)
	hasNot(t, "poll.html", poll, "section-number", "print.html")
	if _, err := os.Stat(filepath.Join(out, "print.html")); err == nil {
		t.Error("print.html written although print is disabled")
	}
	if got := read(t, out, "CNAME"); got != "book.example.com\n" {
		t.Errorf("CNAME = %q", got)
	}
	has(t, "old/poll.html", read(t, out, "old/poll.html"), `url=../poll.html`)
	js := read(t, out, "searchindex.js")
	hasNot(t, "searchindex.js", js, `"u":"poll.html`)
	has(t, "searchindex.js", js, `"u":"threads.html`, `"u":"poll/edge.html`)
}

func TestCheck(t *testing.T) {
	if _, err := Check(Options{Dir: fixture}); err != nil {
		t.Fatalf("the fixture fails the check: %v", err)
	}
	dir := copyFixture(t)
	edit(t, dir, "src/threads.md", "", "\n```go\npackage main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"pasted\")\n}\n```\n")
	edit(t, dir, "src/glossary.md", "threads.md#example-1", "threads.md#gone")
	_, err := Check(Options{Dir: dir})
	if err == nil {
		t.Fatal("Check accepted a pasted Go block and a broken link")
	}
	for _, want := range []string{
		"src/threads.md:36: ```go block has 7 pasted lines (more than 5)",
		`broken link "threads.html#gone"`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error:\n%v\nwant it to contain %q", err, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Error("Check wrote to the build directory")
	}
}

func TestRelURL(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"index.html", "poll.html", "poll.html"},
		{"index.html", "a/b.html", "a/b.html"},
		{"a/b.html", "c.html", "../c.html"},
		{"a/b.html", "a/c.html", "c.html"},
		{"a/b/c.html", "a/d/e.html", "../d/e.html"},
		{"a/b.html", "a/b.html", "b.html"},
	}
	for _, tt := range tests {
		if got := relURL(tt.from, tt.to); got != tt.want {
			t.Errorf("relURL(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
	if got := slug("guide/a b.html"); !regexp.MustCompile(`^guide-a-b$`).MatchString(got) {
		t.Errorf("slug = %q", got)
	}
}
