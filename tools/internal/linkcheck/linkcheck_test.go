package linkcheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func site(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func check(t *testing.T, dir string) []string {
	t.Helper()
	s, err := Load(dir, "/")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range s.Check() {
		out = append(out, p.String())
	}
	return out
}

func TestGoodLinks(t *testing.T) {
	dir := site(t, map[string]string{
		"index.html": `<link rel="stylesheet" href="theme/book.css"><h1 id="top-heading">x</h1>
<a href="guide/a.html#sec">a</a> <a href="#top-heading">self</a> <a href="#top">top</a> <a href="">empty</a>
<a href='guide/a.html?highlight=x#sec'>query</a> <a href="https://example.com/x.html">ext</a>
<a href="mailto:a@b.c">mail</a> <a href="//cdn.example.com/x.js">proto-relative</a>
<img src="img/a%20b.png"> <script src="book.js"></script>
<!-- <a href="commented-out.html"> -->
<script>var s = '<a href="in-script.html">';</script>
<pre><code>&lt;a href="escaped.html"&gt;</code></pre>`,
		"guide/a.html":   `<h2 id="sec">s</h2><a name="old"></a><a href="../index.html#top-heading">back</a><a href="a.html#old">old</a>`,
		"theme/book.css": "",
		"book.js":        "",
		"img/a b.png":    "",
		"404.html":       `<base href="/"><a href="guide/a.html#sec">from base</a><a href="/index.html">absolute</a>`,
	})
	if got := check(t, dir); len(got) != 0 {
		t.Errorf("problems in a good site:\n%s", strings.Join(got, "\n"))
	}
}

func TestBrokenLinks(t *testing.T) {
	dir := site(t, map[string]string{
		"index.html": `<a href="missing.html">1</a><a href="guide/a.html#nope">2</a><a href="guide/">3</a>
<a href="guide">4</a><a href="../outside.html">5</a><a href="#nowhere">6</a><img src="gone.png"><a href="/elsewhere/x.html">7</a>`,
		"guide/a.html": `<h2 id="sec">s</h2>`,
	})
	got := check(t, dir)
	want := []string{
		`index.html: broken link "missing.html": missing.html does not exist`,
		`index.html: broken link "guide/a.html#nope": guide/a.html has no element with id "nope"`,
		`index.html: broken link "guide/": points to a directory`,
		`index.html: broken link "guide": guide is a directory`,
		`index.html: broken link "../outside.html": points outside the site`,
		`index.html: broken link "#nowhere": index.html has no element with id "nowhere"`,
		`index.html: broken link "gone.png": gone.png does not exist`,
		`index.html: broken link "/elsewhere/x.html": elsewhere/x.html does not exist`,
	}
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d:\n got %s\nwant %s", i, got[i], want[i])
		}
	}
}

func TestSiteURL(t *testing.T) {
	dir := site(t, map[string]string{
		"index.html": `<a href="/book/index.html">in</a>`,
		"404.html":   `<base href="/book/"><a href="index.html">home</a><a href="nope.html">bad</a>`,
	})
	s, err := Load(dir, "/book")
	if err != nil {
		t.Fatal(err)
	}
	probs := s.Check()
	if len(probs) != 1 || probs[0].Href != "nope.html" || probs[0].Page != "404.html" {
		t.Errorf("problems = %v", probs)
	}
	if err := s.Resolve("index.html", "/other/x.html"); err == nil || !strings.Contains(err.Error(), "outside the site URL") {
		t.Errorf("absolute path outside the site URL: %v", err)
	}
}
