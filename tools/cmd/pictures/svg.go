package main

import (
	"fmt"
	"html"
	"strings"
)

// The pictures are shown with <img>, so they cannot see the page's theme.
// They read in both themes because nothing in them sits on the page's own
// background except lines: every text is inside a filled shape with a pale
// fill and dark text, and the lines and outlines are a middle grey that
// shows on white and on the dark theme's near-black. The background is
// transparent.
const (
	textColour = "#16191d"
	lineColour = "#7b8494"
	pillFill   = "#f3f4f6"
	fontSans   = `"DejaVu Sans", "Segoe UI", "Helvetica Neue", Arial, sans-serif`
	fontMono   = `"DejaVu Sans Mono", Menlo, Consolas, monospace`
	boxFont    = 13.0 // font size of text in boxes
	pillFont   = 12.0 // font size of arrow labels and region titles
	padX       = 8.0  // room left and right of the widest line
	padY       = 6.0  // room above and below the lines
)

// style is a box's fill and outline colour.
type style struct{ fill, stroke string }

var (
	blue   = style{"#dbe9fb", "#2f64ad"} // the main (loop) thread
	green  = style{"#dcf1e1", "#2c7d43"} // pool threads
	orange = style{"#fbe5cc", "#a85d12"} // the OS event queue and waiting in it
	purple = style{"#ece3fb", "#6e45b0"} // channels, queues, the inbox
	grey   = style{"#e7e9ee", "#5d6573"} // the kernel and the hardware
	red    = style{"#fbdede", "#b33a3a"} // "don't touch"
	pill   = style{pillFill, lineColour}
)

// kind tells boxes, labels and regions apart.
type kind int

const (
	kindBox    kind = iota // a filled rounded rectangle with lines of text
	kindPill               // a small label, on an arrow or atop a region
	kindRegion             // a dashed outline around other shapes, no fill
)

// shape is a rectangle of the picture. Lines are centred in it; a line
// starting with "*" is bold, and text between backticks is monospaced.
type shape struct {
	kind       kind
	x, y, w, h float64
	st         style
	lines      []string
	font       float64
}

// arrow is a polyline with a head at its last point, and maybe a label.
type arrow struct {
	pts    [][2]float64
	dashed bool
	both   bool // a head at the first point too
	label  *shape
}

// figure is one picture.
type figure struct {
	name        string // file name without .svg
	title, desc string // the SVG's <title> and <desc>
	w, h        float64
	shapes      []*shape
	arrows      []*arrow
}

func (f *figure) box(x, y, w, h float64, st style, lines ...string) *shape {
	s := &shape{kind: kindBox, x: x, y: y, w: w, h: h, st: st, lines: lines, font: boxFont}
	f.shapes = append(f.shapes, s)
	return s
}

// region draws a dashed outline with a title pill at its top left.
func (f *figure) region(x, y, w, h float64, title string) {
	f.shapes = append(f.shapes, &shape{kind: kindRegion, x: x, y: y, w: w, h: h})
	tw := textWidth(title, pillFont, false) + 2*padX
	f.shapes = append(f.shapes, &shape{kind: kindPill, x: x + 8, y: y + 6, w: tw, h: pillFont*1.3 + 2*4, st: pill, lines: []string{title}, font: pillFont})
}

// line draws an arrow through pts; label, if not empty, is a pill centred
// on (lx, ly).
func (f *figure) line(label string, lx, ly float64, pts ...[2]float64) *arrow {
	a := &arrow{pts: pts}
	if label != "" {
		a.label = newPill(label, lx, ly)
		f.shapes = append(f.shapes, a.label)
	}
	f.arrows = append(f.arrows, a)
	return a
}

// newPill makes a label pill of one or more lines ("\n") centred on cx, cy.
func newPill(label string, cx, cy float64) *shape {
	lines := strings.Split(label, "\n")
	w := 0.0
	for _, l := range lines {
		w = max(w, lineWidth(l, pillFont))
	}
	w += 2 * 6
	h := float64(len(lines))*pillFont*1.3 + 2*4
	return &shape{kind: kindPill, x: cx - w/2, y: cy - h/2, w: w, h: h, st: pill, lines: lines, font: pillFont}
}

// textWidth estimates the width of s in pixels: a little wider than
// DejaVu Sans and DejaVu Sans Mono really are, so that the overlap test
// errs on the safe side.
func textWidth(s string, size float64, mono bool) float64 {
	per := 0.62
	if mono {
		per = 0.61
	}
	return float64(len([]rune(s))) * size * per
}

// segments splits a line into runs of plain and monospaced text.
func segments(line string) (bold bool, segs []string) {
	if strings.HasPrefix(line, "*") {
		bold, line = true, line[1:]
	}
	return bold, strings.Split(line, "`")
}

// lineWidth is the estimated width of one line of a shape.
func lineWidth(line string, size float64) float64 {
	bold, segs := segments(line)
	w := 0.0
	for i, s := range segs {
		w += textWidth(s, size, i%2 == 1)
	}
	if bold {
		w *= 1.08
	}
	return w
}

func esc(s string) string { return html.EscapeString(s) }

func num(v float64) string {
	s := fmt.Sprintf("%.1f", v)
	return strings.TrimSuffix(s, ".0")
}

// svg renders the figure.
func (f *figure) svg() string {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" role="img" aria-labelledby="title desc" font-family=%q>`+"\n",
		num(f.w), num(f.h), num(f.w), num(f.h), esc(fontSans))
	fmt.Fprintf(&b, "<title id=\"title\">%s</title>\n<desc id=\"desc\">%s</desc>\n", esc(f.title), esc(f.desc))
	fmt.Fprintf(&b, `<defs><marker id="head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="%s"/></marker></defs>`+"\n", lineColour)
	// Regions first, then arrows, then boxes and pills on top, so that a
	// label sits over the line it names.
	for _, s := range f.shapes {
		if s.kind == kindRegion {
			fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" rx="10" fill="none" stroke="%s" stroke-width="1.5" stroke-dasharray="6 4"/>`+"\n",
				num(s.x), num(s.y), num(s.w), num(s.h), lineColour)
		}
	}
	for _, a := range f.arrows {
		var pts []string
		for _, p := range a.pts {
			pts = append(pts, num(p[0])+","+num(p[1]))
		}
		extra := ""
		if a.dashed {
			extra = ` stroke-dasharray="5 4"`
		}
		if a.both {
			extra += ` marker-start="url(#head)"`
		}
		fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"%s marker-end="url(#head)"/>`+"\n",
			strings.Join(pts, " "), lineColour, extra)
	}
	for _, s := range f.shapes {
		if s.kind == kindRegion {
			continue
		}
		rx := "8"
		if s.kind == kindPill {
			rx = num(s.h / 2)
		}
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" rx="%s" fill="%s" stroke="%s" stroke-width="1.5"/>`+"\n",
			num(s.x), num(s.y), num(s.w), num(s.h), rx, s.st.fill, s.st.stroke)
		lh := s.font * 1.3
		top := s.y + (s.h-float64(len(s.lines))*lh)/2
		for i, l := range s.lines {
			// The baseline sits about 0.3 em above the bottom of its line box.
			y := top + float64(i+1)*lh - 0.3*s.font
			bold, segs := segments(l)
			weight := ""
			if bold {
				weight = ` font-weight="bold"`
			}
			fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="%s" text-anchor="middle" fill="%s"%s>`, num(s.x+s.w/2), num(y), num(s.font), textColour, weight)
			for j, seg := range segs {
				if seg == "" {
					continue
				}
				if j%2 == 1 {
					fmt.Fprintf(&b, `<tspan font-family=%q>%s</tspan>`, esc(fontMono), esc(seg))
				} else {
					b.WriteString(esc(seg))
				}
			}
			b.WriteString("</text>\n")
		}
	}
	b.WriteString("</svg>\n")
	return b.String()
}
