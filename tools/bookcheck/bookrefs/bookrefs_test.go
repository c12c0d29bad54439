package bookrefs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nodeexperiment/gonode/tools/internal/site"
)

// build renders the book rooted at root into a temporary directory.
func build(t *testing.T, root string) string {
	t.Helper()
	out := t.TempDir()
	if _, err := site.Build(site.Options{Dir: root, DestDir: out}); err != nil {
		t.Fatalf("rendering %s: %v", root, err)
	}
	return out
}

// TestTheRealBooksReferencePages renders the project's book and checks its
// index of names and its glossary.
func TestTheRealBooksReferencePages(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "mdbook.toml")); err != nil {
		t.Fatalf("the project's mdbook.toml is not at %s: %v", root, err)
	}
	for _, p := range Check(build(t, root)) {
		t.Error(p)
	}
}

// A small book with one of each mistake, and one of each right thing.
var fixture = map[string]string{
	"mdbook.toml":    "[book]\ntitle = \"t\"\nsrc = \"src\"\n\n[build]\nbuild-dir = \"out\"\n",
	"src/SUMMARY.md": "# Summary\n\n- [Calls](calls.md)\n- [More](more.md)\n- [Glossary](glossary.md)\n- [Index](index-of-names.md)\n",
	"src/calls.md": "# Calls\n\nA `tick` in code does not count, nor one in a picture:\n\n" +
		"<svg><title>a tick drawn</title></svg>\n\na [tick](glossary.md#tick) is a turn.\n\n" +
		"## Waiting\n\n`epoll_wait` waits.\n\n## Registering\n\nNothing about it here.\n",
	"src/more.md": "# More\n\nEach [turn](glossary.md#turn) is linked here, but not where it was first used.\n\n" +
		"A [tock](glossary.md#tick) links to another term, then [tock](glossary.md#tock) to its own.\n",
	"src/glossary.md": "# Glossary\n\n### tick {#tick}\n\nA turn.\n\n### token {#token}\n\nNo page links here.\n\n### turn {#turn}\n\nA tick.\n\n### tock {#tock}\n\nFirst linked to the wrong term.\n",
	"src/index-of-names.md": "# Index\n\n" +
		"- [`epoll_wait`](calls.md#waiting): waits\n" +
		"- [`epoll_ctl`](calls.md#registering): its section does not say it\n" +
		"- [`kevent`](calls.md#calls): the page's title section does not say it either\n" +
		"- [`Waiting`](calls.md): a whole page that says it\n" +
		"- [`kqueue`](more.md): a whole page that does not\n" +
		"- [`epoll_wait`](calls.md#registering): the page says it, but in another section\n",
}

// TestCheckFindsEachMistake is the negative case: index entries whose
// section does not name them (epoll_wait's page does, in another
// section), a glossary term that no page links to, one that is linked,
// but not at its first use, and one whose first use links to another
// term's entry.
func TestCheckFindsEachMistake(t *testing.T) {
	root := t.TempDir()
	for name, text := range fixture {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	problems := Check(build(t, root))
	want := []string{
		"epoll_ctl links to calls.html#registering, whose section does not mention it",
		"kevent links to calls.html#calls, whose section does not mention it",
		"kqueue links to more.html, which does not mention it",
		"no page links to the term #token",
		`the first use of "token" was not found on any page`,
		`the first use of "turn" is not a link to it: "turn" on calls.html`,
		"epoll_wait links to calls.html#registering, whose section does not mention it",
		`the first use of "tock" links to glossary.html#tick, not to the term: "tock" on more.html`,
	}
	if len(problems) != len(want) {
		t.Errorf("got %d problems, want %d:\n%s", len(problems), len(want), strings.Join(problems, "\n"))
	}
	all := strings.Join(problems, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("no problem says %q; got:\n%s", w, all)
		}
	}
}

// TestMissingTargets covers the entries whose page or heading is gone:
// the link checker stops such a book from building, so they are checked
// on a site written by hand.
func TestMissingTargets(t *testing.T) {
	dir := t.TempDir()
	pages := map[string]string{
		IndexPage: `<main><li><a href="gone.html#x"><code>a</code></a></li>` +
			`<li><a href="page.html#nope"><code>b</code></a></li></main>`,
		"page.html":  `<main><h2 id="here">Here</h2><p>b</p></main>`,
		GlossaryPage: `<main><h1 id="glossary">Glossary</h1></main>`,
	}
	for name, text := range pages {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	all := strings.Join(Check(dir), "\n")
	for _, w := range []string{"a links to gone.html#x", "b links to page.html#nope, which is not a heading", "no terms"} {
		if !strings.Contains(all, w) {
			t.Errorf("no problem says %q; got:\n%s", w, all)
		}
	}
}
