package main

import (
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testFigures returns the book's pictures, with the book's root three
// folders up.
func testFigures(t *testing.T) []*figure {
	t.Helper()
	figs, err := figures(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return figs
}

// TestCommittedPicturesMatch fails when a committed SVG is not what the
// generator draws: run `go run ./cmd/pictures` from tools/ and commit.
func TestCommittedPicturesMatch(t *testing.T) {
	for _, f := range testFigures(t) {
		path := filepath.Join("..", "..", "..", "book", "images", f.name+".svg")
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run `go run ./cmd/pictures` in tools/)", err)
		}
		if string(got) != f.svg() {
			t.Errorf("%s is not what the generator draws: run `go run ./cmd/pictures` in tools/ and commit it", path)
		}
		if err := wellFormed(got); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
}

// TestLabelsDoNotOverlap checks every picture's layout: no two shapes
// overlap unless a region holds the other, every text fits its shape,
// nothing leaves the canvas.
func TestLabelsDoNotOverlap(t *testing.T) {
	names := map[string]bool{}
	for _, f := range testFigures(t) {
		if names[f.name] {
			t.Errorf("two pictures are called %s", f.name)
		}
		names[f.name] = true
		if err := f.check(); err != nil {
			t.Error(err)
		}
	}
}

// TestCheckRejectsBadLayouts is the negative case: a layout check that
// passes everything would pass the real pictures too.
func TestCheckRejectsBadLayouts(t *testing.T) {
	bad := map[string]func(*figure){
		"two boxes overlap": func(f *figure) {
			f.box(10, 10, 100, 40, blue, "a")
			f.box(60, 30, 100, 40, blue, "b")
		},
		"a label on a box": func(f *figure) {
			f.box(10, 10, 200, 60, blue, "a")
			f.line("on the box", 100, 40, pt{0, 40}, pt{200, 40})
		},
		"text wider than its box": func(f *figure) {
			f.box(10, 10, 60, 40, blue, "a line much too long for the box")
		},
		"off the canvas": func(f *figure) {
			f.box(250, 10, 100, 40, blue, "a")
		},
		"no description": func(f *figure) {
			f.desc = ""
		},
	}
	for name, build := range bad {
		f := &figure{name: "bad", title: "t", desc: "d", w: 300, h: 200}
		build(f)
		if err := f.check(); err == nil {
			t.Errorf("%s: check accepted it", name)
		}
	}
	good := &figure{name: "good", title: "t", desc: "d", w: 300, h: 200}
	good.region(5, 5, 290, 190, "region")
	good.box(20, 60, 100, 40, blue, "a")
	good.box(160, 60, 100, 40, blue, "b")
	good.line("x", 140, 130, pt{70, 100}, pt{70, 130}, pt{210, 130}, pt{210, 100})
	if err := good.check(); err != nil {
		t.Errorf("a good layout was rejected: %v", err)
	}
}

// wellFormed parses an SVG and wants a <title> and a <desc> with text,
// and real <text> elements.
func wellFormed(b []byte) error {
	d := xml.NewDecoder(strings.NewReader(string(b)))
	seen := map[string]string{}
	var stack []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tok.Name.Local)
			if _, ok := seen[tok.Name.Local]; !ok {
				seen[tok.Name.Local] = ""
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				seen[stack[len(stack)-1]] += strings.TrimSpace(string(tok))
			}
		}
	}
	for _, el := range []string{"title", "desc", "text"} {
		if seen[el] == "" {
			return &missing{el}
		}
	}
	return nil
}

type missing struct{ el string }

func (m *missing) Error() string { return "no <" + m.el + "> with text" }

func TestWellFormedRejects(t *testing.T) {
	for name, svg := range map[string]string{
		"unclosed": `<svg><title>t</title><desc>d</desc><text>x</text>`,
		"no title": `<svg><desc>d</desc><text>x</text></svg>`,
		"no desc":  `<svg><title>t</title><text>x</text></svg>`,
		"no text":  `<svg><title>t</title><desc>d</desc></svg>`,
	} {
		if wellFormed([]byte(svg)) == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// TestRunPictureRefusesAStrangeTrace is run04's negative case: a trace it
// cannot read as a run is an error, not a wrong picture.
func TestRunPictureRefusesAStrangeTrace(t *testing.T) {
	for name, trace := range map[string]string{
		"a stray line":             "Thread: main\t First call\nsomething else\n",
		"finished, never received": "Thread: pool1\t finished running a task of type: Encrypt.\n",
		"received, never finished": "Thread: pool1\t received a task of type: Encrypt\n",
		"an unknown thread":        "Thread: pool7\t received a task of type: Encrypt\n",
	} {
		root := t.TempDir()
		path := filepath.Join(root, filepath.FromSlash(runPath))
		if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(trace), 0o666); err != nil {
			t.Fatal(err)
		}
		if _, err := run04(root); err == nil {
			t.Errorf("%s: run04 drew it", name)
		}
	}
}
