package appendix

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const (
	page   = "book/appendix-original.md"
	ours   = "chapters/04-modules/output.txt"
	header = "| # | the original printed | we print | our line |"
)

// root is the project's root, two folders above this one's parent.
var root = filepath.Join("..", "..", "..")

// TestLineForLineTable rebuilds the table from the original's trace (the
// first text block of the page) and our recorded run, and fails if the
// page's table is not that table. With UPDATE_APPENDIX=1 it writes the
// rebuilt table into the page instead.
func TestLineForLineTable(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(root, page))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	original, err := firstTextBlock(text)
	if err != nil {
		t.Fatal(err)
	}
	run, err := os.ReadFile(filepath.Join(root, ours))
	if err != nil {
		t.Fatal(err)
	}
	want := table(original, strings.Split(strings.TrimRight(string(run), "\n"), "\n"))
	start := strings.Index(text, header)
	if start < 0 {
		t.Fatalf("%s has no table starting %q", page, header)
	}
	end := strings.Index(text[start:], "\n\n")
	if end < 0 {
		t.Fatalf("%s: the table does not end with a blank line", page)
	}
	got := text[start : start+end]
	if got == want {
		return
	}
	if os.Getenv("UPDATE_APPENDIX") != "" {
		text = text[:start] + want + text[start+end:]
		if err := os.WriteFile(filepath.Join(root, page), []byte(text), 0o666); err != nil {
			t.Fatal(err)
		}
		t.Logf("rewrote the table in %s", page)
		return
	}
	t.Errorf("the table in %s does not pair the traces as %s now has them; rebuild it with UPDATE_APPENDIX=1 go test ./bookcheck/appendix (or make golden REFRESH=1)\nwant:\n%s", page, ours, want)
}

// TestTableFindsEveryTwin checks that the pairing is not vacuous: the
// only lines of the original without a twin in our run are its epoll
// timeouts, which ours never prints, and the only lines of ours without a
// twin are ticks. A line our run does not print gets a dash.
func TestTableFindsEveryTwin(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(root, page))
	if err != nil {
		t.Fatal(err)
	}
	original, err := firstTextBlock(string(b))
	if err != nil {
		t.Fatal(err)
	}
	run, err := os.ReadFile(filepath.Join(root, ours))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(run), "\n"), "\n")
	for _, row := range strings.Split(table(original, lines), "\n")[2:] {
		switch {
		case strings.HasPrefix(row, "| — | — |"):
			n := 0
			fmt.Sscanf(row[strings.LastIndex(strings.TrimSuffix(row, " |"), "| ")+2:], "%d", &n)
			if n < 1 || n > len(lines) || !strings.Contains(lines[n-1], "===== TICK ") {
				t.Errorf("a line of our run that is not a tick has no twin: %s", row)
			}
		case strings.HasSuffix(row, "| — | — |"):
			if !strings.Contains(row, "epoll event timeout is ready") {
				t.Errorf("a line of the original has no twin in our run: %s", row)
			}
		}
	}
	// A line our run does not print gets a dash on our side.
	mutated := table(append(original, "Thread: main     Immediate3 timed out"), lines)
	if !strings.Contains(mutated, "`Thread: main     Immediate3 timed out` | — | — |") {
		t.Errorf("an unknown line was paired with something:\n%s", mutated)
	}
}

// firstTextBlock returns the lines of the first ```text block in md.
func firstTextBlock(md string) ([]string, error) {
	_, rest, ok := strings.Cut(md, "```text\n")
	if !ok {
		return nil, fmt.Errorf("%s has no text block", page)
	}
	block, _, ok := strings.Cut(rest, "\n```")
	if !ok {
		return nil, fmt.Errorf("%s: the text block does not end", page)
	}
	return strings.Split(block, "\n"), nil
}

var threadLine = regexp.MustCompile(`^Thread: (\S+)\s+(.*)$`)

// keys returns, for each line, what its twin must share: the thread and
// the message, whatever the white space between them; for a line of a
// content block, the block's header and the line. The book's trace has
// one typo ("This is text"), which the real file does not.
func keys(lines []string) []string {
	out := make([]string, len(lines))
	block := ""
	for i, l := range lines {
		switch m := threadLine.FindStringSubmatch(l); {
		case m != nil:
			out[i] = m[1] + "\x00" + m[2]
		case strings.HasPrefix(l, "===== THREAD "):
			block = l
			out[i] = l
		default:
			out[i] = block + "\x00" + strings.Replace(l, "This is text", "This is a text", 1)
		}
		if l == "===== END CONTENT =====" {
			block = ""
		}
	}
	return out
}

// table pairs each non-blank line of original, in order, with the first
// line of run not yet taken that has the same key, and lists the lines of
// run that are left at the end.
func table(original, run []string) string {
	taken := make([]bool, len(run))
	okeys, rkeys := keys(original), keys(run)
	var b strings.Builder
	b.WriteString(header + "\n| --- | --- | --- | --- |")
	for i, o := range original {
		if strings.TrimSpace(o) == "" {
			continue
		}
		twin := -1
		for j, r := range run {
			if !taken[j] && strings.TrimSpace(r) != "" && rkeys[j] == okeys[i] {
				twin = j
				taken[j] = true
				break
			}
		}
		ourSide, number := "—", "—"
		if twin >= 0 {
			ourSide = fmt.Sprintf("`{{#include ../%s:%d}}`", ours, twin+1)
			number = fmt.Sprint(twin + 1)
		}
		fmt.Fprintf(&b, "\n| %d | `%s` | %s | %s |", i+1, o, ourSide, number)
	}
	for j, r := range run {
		if !taken[j] && strings.TrimSpace(r) != "" {
			fmt.Fprintf(&b, "\n| — | — | `{{#include ../%s:%d}}` | %d |", ours, j+1, j+1)
		}
	}
	return b.String()
}
