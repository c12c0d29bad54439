package site

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// buildLocal renders the fixture with local.toml: no repository, so
// captions link to source pages in the book.
func buildLocal(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	if _, err := Build(Options{Dir: fixture, ConfigFile: "local.toml", DestDir: out}); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCaptionsLinkToTheRepository(t *testing.T) {
	out, _ := buildFixture(t)
	poll := read(t, out, "poll.html")
	// Paths start at the repository's root ("tools/testdata/fixture/" in
	// a clone; the book root where there is no .git).
	abs, err := filepath.Abs(fixture)
	if err != nil {
		t.Fatal(err)
	}
	prefix, _ := filepath.Rel(repoRoot(abs), abs)
	p := filepath.ToSlash(filepath.Join(prefix, "code/poll.go"))
	has(t, "poll.html", poll,
		`<figure class="listing">`+"\n"+`<figcaption><a class="listing-file" href="https://example.com/fixture/blob/HEAD/`+p+`#L6-L12">`+p+`</a> <span class="listing-where"><code>loop</code>, lines 6–12</span></figcaption>`,
		`href="https://example.com/fixture/blob/HEAD/`+p+`#L3-L5">`+p+`</a> <span class="listing-where">lines 3–5</span>`,
		`code/output.txt#L1-L3"`,
	)
	if _, err := os.Stat(filepath.Join(out, "source")); err == nil {
		t.Error("source pages written although captions link to the repository")
	}
	// The loop anchor ends with a blank line in poll.go; it is not shown.
	if strings.Contains(poll, "</span></span><span class=\"line\">\n</span></code></pre>\n</figure>") {
		t.Error("a listing ends with the anchor's blank line")
	}
}

func TestSourcePages(t *testing.T) {
	out := buildLocal(t)
	poll := read(t, out, "poll.html")
	has(t, "poll.html", poll,
		`<a class="listing-file" href="source/code/poll.go.html#L6-L12">code/poll.go</a> <span class="listing-where"><code>loop</code>, lines 6–12</span>`,
		`<a class="listing-file" href="source/code/poll.go.html#L3-L5">code/poll.go</a>`)
	edge := read(t, out, "poll/edge.html")
	has(t, "poll/edge.html", edge, `href="../source/code/poll.go.html#L9-L9">code/poll.go</a> <span class="listing-where"><code>inner</code>, line 9</span>`)
	src := read(t, out, "source/code/poll.go.html")
	has(t, "source/code/poll.go.html", src,
		`<h1 class="source-title"><code>code/poll.go</code></h1>`,
		`Shown in: <a href="../../poll.html">Polling with epoll</a>, <a href="../../poll/edge.html">Edge cases</a>, <a href="../../output.html">Output and snippets</a>.`,
		`<span class="line" id="L6"><a class="range-target" id="L6-L12"></a><a class="ln" href="#L6"`,
		`<a class="range-target" id="L3-L5"></a>`,
		`html:has(#L6-L12:target) .source-code > pre > code > .line:nth-of-type(n+6):nth-of-type(-n+12)`,
		`<span class="c1">// ANCHOR: loop</span>`, // the whole file, markers and all
		`<meta name="robots" content="noindex">`)
	if n := strings.Count(src, `<span class="line" id="L`); n != 16 {
		t.Errorf("the source page of poll.go has %d lines, want 16", n)
	}
}

func TestNewLinesAndDiffPage(t *testing.T) {
	out, _ := buildFixture(t)
	threads := read(t, out, "threads.html")
	has(t, "threads.html", threads,
		`<span class="listing-new">2 new lines since chapter 01</span>`,
		`<span class="line new"><span class="visually-hidden">new: </span><span class="w">	</span><span class="nx">fmt</span><span class="p">.</span><span class="nf">Println</span><span class="p">(</span><span class="s">&#34;two&#34;</span>`,
		`<span class="line new"><span class="visually-hidden">new: </span><span class="w">	</span><span class="nf">extra</span>`,
		`<span class="listing-new">new file in chapter 02</span>`,
		// The diff link comes before the first section.
		`<p class="chapter-diff"><a href="changes/02-second.html">What changed in chapter 02</a>: every file of <code>code/snap/02-second</code> next to <code>code/snap/01-first</code>, the snapshot it starts from.</p>`+"\n"+`<h2 id="example">`,
	)
	if n := strings.Count(threads, `class="line new"`); n != 2 {
		t.Errorf("threads.html marks %d new lines, want 2 (the unchanged lib.go and the new file extra.go mark none)", n)
	}
	diff := read(t, out, "changes/02-second.html")
	has(t, "changes/02-second.html", diff,
		`<title>What changed in chapter 02 - Fixture Book</title>`,
		`<h1>What changed in chapter 02</h1>`,
		`1 file added, 1 file changed, 0 files removed, 1 file unchanged. The chapter: <a href="../threads.html">Threads</a>.`,
		`Unchanged, not shown: <code>lib/</code> (all 1 file).`,
		`<h2 id="file-extra-go" class="diff-file"><code>extra.go</code> <span class="diff-stat">new file, 6 lines</span></h2>`,
		`<h2 id="file-main-go" class="diff-file"><code>main.go</code> <span class="diff-stat">changed: 2 added, 0 removed</span></h2>`,
		// The hunk's numbers are the files' own, marker lines included.
		"<span class=\"line hunk\">@@ -4,8 &#43;4,10 @@\n</span>", // html/template writes + as &#43;
		`<span class="line add"><span class="visually-hidden">added: </span><span class="diff-sign" aria-hidden="true">+</span>	fmt.Println(&#34;two&#34;)`,
	)
	hasNot(t, "changes/02-second.html", diff, "Answer is unchanged")
	// Lines that only mark an anchor are left out of a diff page.
	hasNot(t, "changes/02-second.html", diff, "ANCHOR: run", "ANCHOR_END: run", "ANCHOR: extra")
	print := read(t, out, "print.html")
	has(t, "print.html", print, `<a href="changes/02-second.html">What changed in chapter 02</a>`)
}

// TestUnmarkedFiles: a file that matches a snapshot's unmarked patterns
// (recorded output, in the project's book) gets no new-line marks, and
// the diff page still shows it.
func TestUnmarkedFiles(t *testing.T) {
	dir := copyFixture(t)
	edit(t, dir, "mdbook.toml", `dir = "code/snap/02-second"`, `dir = "code/snap/02-second"`+"\nunmarked = [\"*.txt\", \"main.go\"]")
	out := filepath.Join(t.TempDir(), "out")
	if _, err := Build(Options{Dir: dir, DestDir: out}); err != nil {
		t.Fatal(err)
	}
	threads := read(t, out, "threads.html")
	if n := strings.Count(threads, `class="line new"`); n != 0 {
		t.Errorf("threads.html marks %d new lines of an unmarked file, want 0", n)
	}
	hasNot(t, "threads.html", threads, "new lines since chapter 01")
	has(t, "threads.html", threads, `<span class="listing-new">new file in chapter 02</span>`) // extra.go is still marked
	has(t, "changes/02-second.html", read(t, out, "changes/02-second.html"), `<code>main.go</code> <span class="diff-stat">changed: 2 added, 0 removed</span>`)
}

func TestInlinePicture(t *testing.T) {
	out, _ := buildFixture(t)
	threads := read(t, out, "threads.html")
	has(t, "threads.html", threads,
		`<figure class="svg-inline">`,
		`<svg aria-describedby="pic1-alt" xmlns="http://www.w3.org/2000/svg"`,
		`<pattern id="pic1-hatch"`, `fill="url(#pic1-hatch)"`,
		`<span class="visually-hidden" id="pic1-alt">Two lanes, main and pool0, each with one printed line</span> <a href="images/timeline.svg">Open the picture on its own</a>`,
		`<title>main at 10 ms: First line</title>`)
	hasNot(t, "threads.html", threads, `<img src="images/timeline.svg"`)
	// A picture that does not ask to be inlined stays an <img>.
	has(t, "poll/edge.html", read(t, out, "poll/edge.html"), `<img src="../images/diagram.svg" alt="Diagram of the poll loop">`)
	// On the print page, each copy gets its own ids.
	print := read(t, out, "print.html")
	if ids := regexp.MustCompile(`id="pic\d+-hatch"`).FindAllString(print, -1); len(ids) != 1 {
		t.Errorf("print.html has hatch ids %v, want one", ids)
	}
}

// TestCaptionLinkErrors shows that a caption that could not link to its
// file fails the build: a file outside the book root, and a source page
// that is missing from the site.
func TestCaptionLinkErrors(t *testing.T) {
	dir := copyFixture(t)
	outside := filepath.Join(filepath.Dir(dir), "outside.go")
	if err := os.WriteFile(outside, []byte("package outside\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	edit(t, dir, "src/threads.md", "", "\n```go\n{{#include ../../outside.go}}\n```\n")
	_, err := Build(Options{Dir: dir, ConfigFile: "local.toml", DestDir: filepath.Join(t.TempDir(), "out")})
	if err == nil || !strings.Contains(err.Error(), "src/threads.md: {{#include}}: "+outside+" is outside the book root, so a listing's caption cannot link to it") {
		t.Errorf("including a file outside the book root: %v", err)
	}

	b, err := Load(filepath.Join(fixture, "local.toml"))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	if _, err := b.Write(out); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(out, "source", "code", "poll.go.html")); err != nil {
		t.Fatal(err)
	}
	err = b.checkLinks(out, nil)
	if err == nil || !strings.Contains(err.Error(), `poll.html: broken link "source/code/poll.go.html#L6-L12"`) {
		t.Errorf("a caption linking to a missing source page: %v", err)
	}
}

func TestSnapshotErrors(t *testing.T) {
	for _, tt := range []struct{ name, toml, want string }{
		{"missing", "\n[[snapshot]]\ndir = \"code/snap/03-third\"\n", "snapshot directory code/snap/03-third does not exist"},
		{"twice", "\n[[snapshot]]\ndir = \"code/snap/01-first/\"\n", `snapshot: dir "code/snap/01-first/" is listed twice`},
		{"outside", "\n[[snapshot]]\ndir = \"../code\"\n", `snapshot: dir "../code" must be a directory inside the book root`},
		{"unknown key", "\n[[snapshot]]\ndir = \"code\"\ndiff = false\n", `unknown key "snapshot.diff"`},
		{"bad pattern", "\n[[snapshot]]\ndir = \"code\"\nunmarked = [\"[\"]\n", `unmarked pattern "["`},
		{"no such page", "\n[[snapshot]]\ndir = \"code\"\npage = \"nowhere.md\"\n", `snapshot code: page nowhere.md is not in the book's source directory`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyFixture(t)
			edit(t, dir, "mdbook.toml", "", tt.toml)
			_, err := Build(Options{Dir: dir, DestDir: filepath.Join(t.TempDir(), "out")})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestDiffLines(t *testing.T) {
	a := strings.Split("a b c d e f", " ")
	b := strings.Split("a x c d f g", " ")
	var got []string
	for _, o := range diffLines(a, b) {
		switch o.kind {
		case '+':
			got = append(got, "+"+b[o.new])
		case '-':
			got = append(got, "-"+a[o.old])
		default:
			got = append(got, " "+a[o.old])
		}
	}
	if want := " a|-b|+x| c| d|-e| f|+g"; strings.Join(got, "|") != want {
		t.Errorf("diff = %s, want %s", strings.Join(got, "|"), want)
	}
	ops := diffLines(strings.Split("1 2 3 4 5 6 7 8 9 10 11 12", " "), strings.Split("1 2 3 4 5 6 7 8 9 10 11 X", " "))
	if h := hunks(ops, 3); len(h) != 1 || len(h[0].ops) != 5 {
		t.Errorf("hunks = %+v, want one of 5 lines (3 kept, 1 removed, 1 added)", h)
	}
}
