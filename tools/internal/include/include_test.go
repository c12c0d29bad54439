package include

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const goFile = `package main

// ANCHOR: all
import "fmt"

// ANCHOR: body
func main() {
	// ANCHOR: call
	fmt.Println("hi")
	// ANCHOR_END: call
}
// ANCHOR_END: body
/* ANCHOR_END: all */
# ANCHOR: empty
# ANCHOR_END: empty
// ANCHOR: open
`

func TestSelect(t *testing.T) {
	text := "one\ntwo\r\nthree\nfour\n"
	tests := []struct{ sel, want string }{
		{"", "one\ntwo\nthree\nfour"},
		{"2", "two"},
		{"2:", "two\nthree\nfour"},
		{":2", "one\ntwo"}, // {{#include f::2}}
		{"2:3", "two\nthree"},
		{"2:3:9", "two\nthree"},
		{"3:x", "three\nfour"},
		{":", "one\ntwo\nthree\nfour"},
		{"4:4", "four"},
	}
	for _, tt := range tests {
		got, err := Select(text, tt.sel)
		if err != nil {
			t.Errorf("Select(%q): %v", tt.sel, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Select(%q) = %q, want %q", tt.sel, got, tt.want)
		}
	}
}

func TestSelectAnchors(t *testing.T) {
	tests := []struct{ sel, want string }{
		// Other anchors' markers inside are dropped; no dedent.
		{"all", "import \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hi\")\n}"},
		{"body", "func main() {\n\tfmt.Println(\"hi\")\n}"},
		{"call", "\tfmt.Println(\"hi\")"},
	}
	for _, tt := range tests {
		got, err := Select(goFile, tt.sel)
		if err != nil {
			t.Errorf("Select(%q): %v", tt.sel, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Select(%q) = %q, want %q", tt.sel, got, tt.want)
		}
	}
}

func TestSelectErrors(t *testing.T) {
	tests := []struct{ sel, want string }{
		{"missing", `anchor "missing" not found`},
		{"open", `anchor "open" has no "ANCHOR_END: open" line`},
		{"empty", `anchor "empty" is empty`},
		{"99", "starts after the last line (16)"},
		{"2:99", "ends after the last line (16)"},
		{"5:3", "is empty"},
		{"0", "line numbers start at 1"},
	}
	for _, tt := range tests {
		_, err := Select(goFile, tt.sel)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Select(%q) error = %v, want it to contain %q", tt.sel, err, tt.want)
		}
	}
}

// writeFiles creates files (slash paths relative to dir) with contents.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestExpand(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"code/main.go":       goFile,
		"code/out.txt":       "$ go run .\nhi\n",
		"book/ch.md":         "",
		"book/snip/part.md":  "From a snippet: {{#include ../../code/main.go:call}}\n",
		"book/snip/title.md": "{{#title Inner Title}}",
	})
	chapter := filepath.Join(dir, "book", "ch.md")
	tests := []struct{ name, src, want, title string }{
		{"anchor in a fence", "```go\n{{#include ../code/main.go:call}}\n```\n", "```go\n\tfmt.Println(\"hi\")\n```\n", ""},
		{"whole file loses its last newline", "{{#include ../code/out.txt}}|", "$ go run .\nhi|", ""},
		{"spaces inside braces", "{{ #include ../code/out.txt:2 }}", "hi", ""},
		{"range", "{{#include ../code/main.go::1}}", "package main", ""},
		{"escape", `\{{#include ../code/nothing.go}}`, "{{#include ../code/nothing.go}}", ""},
		{"escape next to a real one", "a \\{{#include x}} b", "a {{#include x}} b", ""},
		{"nested include is relative to the included file", "{{#include snip/part.md}}", "From a snippet: \tfmt.Println(\"hi\")", ""},
		{"title", "{{#title My Page}}\n# Heading", "\n# Heading", "My Page"},
		{"title from an included file", "{{#include snip/title.md}}x", "x", "Inner Title"},
		{"unknown directive is kept", "{{#frobnicate x}}", "{{#frobnicate x}}", ""},
	}
	x := &Expander{Root: dir}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := x.Expand([]byte(tt.src), chapter)
			if err != nil {
				t.Fatal(err)
			}
			if res.Text != tt.want || res.Title != tt.title {
				t.Errorf("got %q (title %q), want %q (title %q)", res.Text, res.Title, tt.want, tt.title)
			}
		})
	}
}

func TestExpandErrors(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"code/main.go": goFile,
		"book/self.md": "loop:\n{{#include self.md}}\n",
		"book/a.md":    "{{#include b.md}}",
		"book/b.md":    "line one\n{{#include ../code/main.go:nope}}\n",
	})
	chapter := filepath.Join(dir, "book", "ch.md")
	tests := []struct{ name, src, want string }{
		{"missing file", "text\n\n{{#include ../code/gone.go}}\n", "book/ch.md:3: {{#include ../code/gone.go}}: file code/gone.go does not exist"},
		{"missing anchor", "{{#include ../code/main.go:nope}}", `book/ch.md:1: {{#include ../code/main.go:nope}}: code/main.go: anchor "nope" not found`},
		{"missing anchor in nested include", "x\n{{#include a.md}}", "book/b.md:2: {{#include ../code/main.go:nope}}: code/main.go: anchor \"nope\" not found (want a line with \"ANCHOR: nope\")\n\tincluded from book/a.md:1\n\tincluded from book/ch.md:2"},
		{"bad range", "{{#include ../code/main.go:40:50}}", "starts after the last line"},
		{"depth limit", "{{#include self.md}}", "book/self.md:2: {{#include self.md}}: includes nested more than 10 deep"},
		{"rustdoc_include", "{{#rustdoc_include ../code/main.go}}", "Rust-specific"},
		{"playground", "{{#playground ../code/main.go}}", "Rust-specific"},
		{"no file", "{{#include   }}", "book/ch.md:1: {{#include   }}: no file named"},
	}
	x := &Expander{Root: dir}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := x.Expand([]byte(tt.src), chapter)
			if err == nil {
				t.Fatal("Expand succeeded")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error:\n%v\nwant it to contain:\n%s", err, tt.want)
			}
		})
	}
}

func TestDepthLimitAllowsTenLevels(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"f10.md": "bottom"}
	for i := 1; i < 10; i++ {
		files["f"+strconv.Itoa(i)+".md"] = "{{#include f" + strconv.Itoa(i+1) + ".md}}"
	}
	writeFiles(t, dir, files)
	res, err := (&Expander{}).Expand([]byte("{{#include f1.md}}"), filepath.Join(dir, "ch.md"))
	if err != nil {
		t.Fatalf("ten nested includes: %v", err)
	}
	if res.Text != "bottom" {
		t.Errorf("got %q", res.Text)
	}
	// One more level is too deep.
	writeFiles(t, dir, map[string]string{"f10.md": "{{#include f11.md}}", "f11.md": "too deep"})
	if _, err := (&Expander{}).Expand([]byte("{{#include f1.md}}"), filepath.Join(dir, "ch.md")); err == nil {
		t.Error("eleven nested includes were accepted")
	}
}

func TestSelectLinesNumbersAndTrims(t *testing.T) {
	text := "a\n// ANCHOR: x\n\n\tbody\n// ANCHOR: y\n\tmore\n// ANCHOR_END: y\n\n// ANCHOR_END: x\n\n"
	lines, nums, err := SelectLines(text, "x")
	if err != nil {
		t.Fatal(err)
	}
	// The blank lines at the anchor's ends go; the other anchor's markers
	// are dropped from the middle.
	if got := strings.Join(lines, "|"); got != "\tbody|\tmore" {
		t.Errorf("anchor x = %q", got)
	}
	if got := fmt.Sprint(nums); got != "[4 6]" {
		t.Errorf("anchor x's line numbers = %s, want [4 6]", got)
	}
	// A line range keeps its blank lines.
	lines, nums, err = SelectLines(text, "2:4")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(lines, "|") + fmt.Sprint(nums); got != "// ANCHOR: x||\tbody[2 3 4]" {
		t.Errorf("lines 2:4 = %q", got)
	}
	if _, _, err := SelectLines("// ANCHOR: b\n\n\n// ANCHOR_END: b\n", "b"); err == nil || !strings.Contains(err.Error(), `anchor "b" is empty`) {
		t.Errorf("an anchor of blank lines: %v", err)
	}
}

func TestExpandListings(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"code/main.go": goFile,
		"book/snip.md": "Inner: {{#include ../code/main.go:call}}",
	})
	src := "A\n```go\n{{#include ../code/main.go:body}}\n```\nB {{#include snip.md}} {{#include ../code/main.go:2:3}}"
	res, err := (&Expander{}).Expand([]byte(src), filepath.Join(dir, "book", "ch.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Listings) != 4 {
		t.Fatalf("%d listings, want 4: %+v", len(res.Listings), res.Listings)
	}
	for i, want := range []struct {
		text, anchor, lines string
	}{
		{"func main() {\n\tfmt.Println(\"hi\")\n}", "body", "[7 9 11]"},
		{"Inner: \tfmt.Println(\"hi\")", "", "[]"}, // its own directive expanded: no line numbers
		{"\tfmt.Println(\"hi\")", "call", "[9]"},   // inside the snippet, at its place in the text
		{"\n// ANCHOR: all", "", "[2 3]"},
	} {
		l := res.Listings[i]
		if got := res.Text[l.Start:l.End]; got != want.text {
			t.Errorf("listing %d covers %q, want %q", i, got, want.text)
		}
		if l.Anchor != want.anchor || fmt.Sprint(l.Lines) != want.lines {
			t.Errorf("listing %d: anchor %q, lines %v; want %q, %s", i, l.Anchor, l.Lines, want.anchor, want.lines)
		}
	}
}
