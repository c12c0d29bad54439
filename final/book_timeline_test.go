package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/nodeexperiment/gonode/internal/trace"
)

// bookTimeline is the picture of a real run that the book shows; `make
// timeline` redraws it, and `make book` leaves it alone.
const bookTimeline = "../book/images/timeline-final.svg"

// TestBookTimelineSatisfiesSpec reads back the trace that the book's
// committed timeline carries (one printed-line marker per trace line,
// numbered in the order of the run) and checks it against trace.spec:
// the picture in the book shows a run that the example's guarantees
// allow. A content block is drawn as one marker naming the block; its
// lines are taken from output.txt, since every run prints the same ones.
func TestBookTimelineSatisfiesSpec(t *testing.T) {
	text, err := bookTimelineTrace(t)
	if err != nil {
		t.Fatalf("%s: %v", bookTimeline, err)
	}
	spec, err := os.ReadFile("trace.spec")
	if err != nil {
		t.Fatal(err)
	}
	if err := trace.CheckText(string(spec), text); err != nil {
		t.Fatalf("the trace drawn in %s does not satisfy trace.spec (run `make timeline` to redraw it from a real run):\n%v", bookTimeline, err)
	}
}

// TestBookTimelineCheckCanFail shows that the check above is not
// vacuous: the same trace with two lines swapped, or with a line left
// out, fails the spec.
func TestBookTimelineCheckCanFail(t *testing.T) {
	text, err := bookTimelineTrace(t)
	if err != nil {
		t.Fatal(err)
	}
	spec, err := os.ReadFile("trace.spec")
	if err != nil {
		t.Fatal(err)
	}
	swapped := trace.SwapLines(text, "Immediate1 timed out", "Immediate2 timed out")
	if swapped == text {
		t.Fatal("the timeline's trace lacks the lines to swap")
	}
	if trace.CheckText(string(spec), swapped) == nil {
		t.Error("the timeline's trace with Immediate2 before Immediate1 satisfied the spec")
	}
	dropped := trace.DropLine(text, "SETTIMEOUT")
	if dropped == text {
		t.Fatal("the timeline's trace lacks the line to drop")
	}
	if trace.CheckText(string(spec), dropped) == nil {
		t.Error("the timeline's trace without SETTIMEOUT satisfied the spec")
	}
}

// markTitle is the hover text of a printed-line marker: "THREAD at T ms:
// TEXT".
var markTitle = regexp.MustCompile(`^(\S+) at [0-9.]+ ms: (.*)$`)

// bookTimelineTrace rebuilds, from the book's timeline, the trace the run
// printed.
func bookTimelineTrace(t *testing.T) (string, error) {
	t.Helper()
	svg, err := os.ReadFile(bookTimeline)
	if err != nil {
		return "", err
	}
	golden, err := os.ReadFile("output.txt")
	if err != nil {
		return "", err
	}
	records, err := trace.ParseTrace(bytes.NewReader(golden))
	if err != nil {
		return "", err
	}
	blocks := map[string]string{}
	for _, r := range records {
		if first, _, ok := strings.Cut(r.Text, "\n"); ok {
			blocks[strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(first, "===== THREAD "+r.Thread+" START CONTENT - "), " ====="))] = r.Text
		}
	}
	return traceOfTimeline(svg, blocks)
}

// traceOfTimeline returns the trace lines that the printed-line markers
// of svg carry, in the order of their data-seq numbers; a marker of a
// content block is replaced by the block of that name in blocks, whose
// keys are in lower case.
func traceOfTimeline(svg []byte, blocks map[string]string) (string, error) {
	type line struct {
		seq          int
		thread, text string
	}
	var lines []line
	d := xml.NewDecoder(bytes.NewReader(svg))
	d.Strict = true
	var cur *line // the marker whose <title> is being read
	inTitle := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", err
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if el.Name.Local == "title" && cur != nil {
				inTitle = true
				continue
			}
			class, seq := "", ""
			for _, a := range el.Attr {
				switch a.Name.Local {
				case "class":
					class = a.Value
				case "data-seq":
					seq = a.Value
				}
			}
			if class != "marker line" {
				continue
			}
			n, err := strconv.Atoi(seq)
			if err != nil {
				return "", fmt.Errorf("a printed-line marker has no data-seq number (%q); the picture was drawn before markers were numbered", seq)
			}
			lines = append(lines, line{seq: n})
			cur = &lines[len(lines)-1]
		case xml.CharData:
			if inTitle {
				m := markTitle.FindStringSubmatch(string(el))
				if m == nil {
					return "", fmt.Errorf("marker %d: title %q is not \"THREAD at T ms: TEXT\"", cur.seq, el)
				}
				cur.thread, cur.text = m[1], m[2]
			}
		case xml.EndElement:
			if el.Name.Local == "title" && inTitle {
				inTitle, cur = false, nil
			}
		}
	}
	if len(lines) == 0 {
		return "", errors.New("no printed-line marker")
	}
	sort.Slice(lines, func(i, j int) bool { return lines[i].seq < lines[j].seq })
	var b strings.Builder
	for i, l := range lines {
		if i > 0 && l.seq == lines[i-1].seq {
			return "", fmt.Errorf("two printed-line markers are numbered %d", l.seq)
		}
		if name, ok := strings.CutPrefix(l.text, "content block: "); ok {
			block, ok := blocks[strings.ToLower(name)]
			if !ok {
				return "", fmt.Errorf("marker %d: no content block %q in output.txt", l.seq, name)
			}
			b.WriteString(block + "\n\n")
			continue
		}
		fmt.Fprintf(&b, "Thread: %s\t %s\n", l.thread, l.text)
	}
	return b.String(), nil
}
