package summary

import (
	"fmt"
	"strings"
	"testing"
)

// describe flattens a summary into one line per item for comparison.
func describe(s *Summary) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title %q\n", s.Title)
	var walk func(section string, items []*Item, depth int)
	walk = func(section string, items []*Item, depth int) {
		for _, it := range items {
			ind := strings.Repeat("  ", depth)
			switch it.Kind {
			case Separator:
				fmt.Fprintf(&b, "%s %s---\n", section, ind)
			case PartTitle:
				fmt.Fprintf(&b, "%s %s# %s\n", section, ind, it.Title)
			default:
				fmt.Fprintf(&b, "%s %s%s%s (%s) @%d\n", section, ind, it.Number, it.Title, it.Path, it.Line)
			}
			walk(section, it.Children, depth+1)
		}
	}
	walk("prefix", s.Prefix, 0)
	walk("numbered", s.Numbered, 0)
	walk("suffix", s.Suffix, 0)
	return b.String()
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{
			name: "whole grammar",
			src: `# Summary

[Foreword](README.md)
[Preface](preface.md)

---

# Part one

- [Poll](poll.md)
    - [Edge cases](poll/edge.md)
        - [Deeper](poll/deeper.md)
    - [Draft sub]()
- [Threads](threads.md)

---

- [After rule](after.md)

# Part two

* [Star list](star.md)

---

[Appendix](appendix.md)

---

[Credits](credits.md)
`,
			want: `title "Summary"
prefix Foreword (README.md) @3
prefix Preface (preface.md) @4
prefix ---
numbered # Part one
numbered 1.Poll (poll.md) @10
numbered   1.1.Edge cases (poll/edge.md) @11
numbered     1.1.1.Deeper (poll/deeper.md) @12
numbered   1.2.Draft sub () @13
numbered 2.Threads (threads.md) @14
numbered ---
numbered 3.After rule (after.md) @18
numbered # Part two
numbered 4.Star list (star.md) @22
numbered ---
suffix Appendix (appendix.md) @26
suffix ---
suffix Credits (credits.md) @30
`,
		},
		{
			name: "no title, no prefix",
			src:  "- [A](a.md)\n- [B](b.md)\n",
			want: "title \"\"\nnumbered 1.A (a.md) @1\nnumbered 2.B (b.md) @2\n",
		},
		{
			name: "comment before title, any title text",
			src:  "<!-- the book -->\n# Contents\n\n- [A](a.md)\n",
			want: "title \"Contents\"\nnumbered 1.A (a.md) @4\n",
		},
		{
			name: "first heading is the title, later ones are parts",
			src:  "# Basics\n\n- [A](a.md)\n\n# More\n\n- [B](b.md)\n",
			want: "title \"Basics\"\nnumbered 1.A (a.md) @3\nnumbered # More\nnumbered 2.B (b.md) @7\n",
		},
		{
			name: "ordered list, loose items, escaped spaces, formatting in titles",
			src:  "1. [The *first*](a%20b.md)\n\n2. [`code` second](./sub/../b.md)\n",
			want: "title \"\"\nnumbered 1.The first (a b.md) @1\nnumbered 2.code second (b.md) @3\n",
		},
		{
			name: "only prefix chapters",
			src:  "# Summary\n\n[Only](only.md)\n",
			want: "title \"Summary\"\nprefix Only (only.md) @3\n",
		},
		{
			name: "level-two headings are ignored",
			src:  "- [A](a.md)\n\n## note\n\n- [B](b.md)\n",
			want: "title \"\"\nnumbered 1.A (a.md) @1\nnumbered 2.B (b.md) @5\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse([]byte(tt.src), "SUMMARY.md")
			if err != nil {
				t.Fatal(err)
			}
			if got := describe(s); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"duplicate file", "- [A](a.md)\n- [Again](./a.md)\n", "SUMMARY.md:2: duplicate file in SUMMARY.md: a.md (first listed on line 1)"},
		{"duplicate between prefix and list", "[A](a.md)\n\n- [B](a.md)\n", "SUMMARY.md:3: duplicate file"},
		{"list after suffix", "- [A](a.md)\n\n[S](s.md)\n\n- [B](b.md)\n", "SUMMARY.md:5: suffix chapters cannot be followed by a list"},
		{"part after suffix", "- [A](a.md)\n\n[S](s.md)\n\n# Part\n", "SUMMARY.md:5: suffix chapters cannot be followed by a list or part title"},
		{"text before link", "- [A](a.md)\n- Some text [B](b.md)\n", "SUMMARY.md:2: a numbered chapter's list item must start with a link"},
		{"bold link", "- **[A](a.md)**\n", "must start with a link"},
		{"empty item", "- [A](a.md)\n-\n", "must start with a link"},
		{"mixed markers in a nested list", "- [A](a.md)\n  - [B](b.md)\n  * [C](c.md)\n", "SUMMARY.md:3: a second nested list under \"A\""},
		{"link after part title", "# Summary\n\n# Part\n[Intro](intro.md)\n\n- [A](a.md)\n", "SUMMARY.md:4: a plain link right after part title"},
		{"fragment in chapter", "- [A](a.md#x)\n", "without #fragment"},
		{"outside src", "- [A](../a.md)\n", "outside the source directory"},
		{"absolute path", "- [A](/a.md)\n", "relative to the source directory"},
		{"url", "- [A](https://example.com/a.md)\n", "relative to the source directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse([]byte(tt.src), "SUMMARY.md")
			if err == nil {
				t.Fatalf("Parse accepted it:\n%s", describe(s))
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}
}

func TestChaptersAndNumbers(t *testing.T) {
	s, err := Parse([]byte("[P](p.md)\n\n- [A](a.md)\n  - [B]()\n\n[S](s.md)\n"), "SUMMARY.md")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range s.Chapters() {
		got = append(got, fmt.Sprintf("%s%s draft=%v", c.Number, c.Title, c.Draft()))
	}
	want := "P draft=false|1.A draft=false|1.1.B draft=true|S draft=false"
	if strings.Join(got, "|") != want {
		t.Errorf("Chapters() = %s, want %s", strings.Join(got, "|"), want)
	}
	if n := (Number{2, 10}).String(); n != "2.10." {
		t.Errorf("Number.String() = %s", n)
	}
}
