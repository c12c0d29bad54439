// Command pictures draws the book's diagrams: the threads and their one
// channel, a tick's phases, readiness against completion, a packet's way
// from the wire to a read, who owns the buffer under IOCP, final/'s
// one-thread loop, minimio's shape, the thread pool, one callback's life,
// the drain order between callbacks, the write queue, and chapter 04's
// recorded run. Each is an SVG whose every text is a real <text> on a
// pale filled shape, so it reads in the light and the dark theme.
//
// Usage, from tools/:
//
//	go run ./cmd/pictures [-dir ../book/images] [-root ..]
//
// The SVGs are committed; the package's test fails when one differs from
// what this command draws, or when labels overlap.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	dir := flag.String("dir", filepath.Join("..", "book", "images"), "the directory to write the SVGs to")
	root := flag.String("root", "..", "the book's root, where the recorded runs are")
	flag.Parse()
	figs, err := figures(*root)
	if err != nil {
		fmt.Fprintln(os.Stderr, "pictures:", err)
		os.Exit(1)
	}
	for _, f := range figs {
		if err := f.check(); err != nil {
			fmt.Fprintln(os.Stderr, "pictures:", err)
			os.Exit(1)
		}
		path := filepath.Join(*dir, f.name+".svg")
		if err := os.WriteFile(path, []byte(f.svg()), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "pictures:", err)
			os.Exit(1)
		}
	}
}

// check reports a figure whose shapes overlap without one holding the
// other, whose text does not fit its shape, or that leaves the canvas.
func (f *figure) check() error {
	if f.title == "" || f.desc == "" {
		return fmt.Errorf("%s: no title or no description", f.name)
	}
	for i, s := range f.shapes {
		if s.x < 0 || s.y < 0 || s.x+s.w > f.w || s.y+s.h > f.h {
			return fmt.Errorf("%s: shape %q leaves the %sx%s canvas", f.name, s.lines, num(f.w), num(f.h))
		}
		if len(s.lines) > 0 {
			tw := 0.0
			for _, l := range s.lines {
				tw = max(tw, lineWidth(l, s.font))
			}
			th := float64(len(s.lines)) * s.font * 1.3
			if tw+8 > s.w || th+4 > s.h {
				return fmt.Errorf("%s: text %q (about %sx%s) does not fit its %sx%s shape", f.name, s.lines, num(tw), num(th), num(s.w), num(s.h))
			}
		}
		for _, t := range f.shapes[i+1:] {
			if overlap(s, t) && !inside(s, t) && !inside(t, s) {
				return fmt.Errorf("%s: shapes %q and %q overlap", f.name, s.lines, t.lines)
			}
			// A region holds whole shapes only; a box holds none.
			if (inside(s, t) && t.kind != kindRegion) || (inside(t, s) && s.kind != kindRegion) {
				return fmt.Errorf("%s: shape %q lies on %q", f.name, s.lines, t.lines)
			}
		}
	}
	return nil
}

func overlap(a, b *shape) bool {
	return a.x < b.x+b.w && b.x < a.x+a.w && a.y < b.y+b.h && b.y < a.y+a.h
}

// inside reports whether a lies within b.
func inside(a, b *shape) bool {
	return a.x >= b.x && a.y >= b.y && a.x+a.w <= b.x+b.w && a.y+a.h <= b.y+b.h
}
