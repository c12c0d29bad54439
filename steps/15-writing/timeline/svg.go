package timeline

import (
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// The picture's geometry, in SVG user units (pixels at 100 %).
const (
	width     = 860 // the width of the book's text column, so that it is shown near 1:1
	left      = 92  // the lane names
	right     = 22
	plotW     = width - left - right
	top       = 64 // the title
	laneH     = 76
	barTop    = 38 // from a lane's top
	barH      = 18
	dotY      = 66 // the printed-line row, from a lane's top
	labelRow1 = 12 // the three rows of mark labels, from a lane's top
	labelRow2 = 23
	labelRow3 = 34
	fontSize  = 12
	charW     = 6.8 // a generous width of one character at fontSize
)

// The colours, chosen to stay apart for readers with a colour vision
// deficiency (Okabe and Ito's palette) and on paper.
var taskColours = []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"}

const (
	waitColour     = "#DADADA"
	programColour  = "#444444"
	tickColour     = "#222222"
	timerColour    = "#E69F00"
	callbackColour = "#009E73"
	eventColour    = "#D55E00"
	lineColour     = "#777777"
	handoffColour  = "#8E44AD"
)

// WriteSVG draws the events recorded so far as an SVG document under the
// given title: one lane per thread that has an event (main first, then
// the pool threads in number order, then epoll, then any other), a time
// axis in milliseconds and a legend. Every mark carries a <title> that a
// browser shows on hover (the trace line itself, for a printed line); the
// picture uses no script.
func (r *Recorder) WriteSVG(w io.Writer, title string) error {
	events, handoffs := r.Events(), r.Handoffs()
	threads := laneOrder(events)
	lane := map[string]int{}
	for i, t := range threads {
		lane[t] = i
	}
	var end time.Duration
	for _, e := range events {
		end = max(end, e.End)
	}
	for _, h := range handoffs {
		end = max(end, h.Received)
	}
	total, step := axis(end)
	x := func(d time.Duration) float64 { return left + float64(d)/float64(total)*plotW }
	laneTop := func(i int) float64 { return top + float64(i*laneH) }
	barMid := func(thread string) float64 { return laneTop(lane[thread]) + barTop + barH/2 }

	taskNames := taskNamesOf(events)
	colourOf := func(name string) string {
		return taskColours[slices.Index(taskNames, name)%len(taskColours)]
	}

	axisY := laneTop(len(threads)) + 6
	legendY := axisY + 44
	legend := legendItems(taskNames, colourOf)
	legendRows := layoutLegend(legend)
	height := legendY + float64(legendRows)*22 + 16

	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	// data-inline asks the book's renderer to put the picture into the
	// page itself, where a script shows the hover texts and highlights
	// lanes; tabindex makes each mark reachable from the keyboard.
	p(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%s" viewBox="0 0 %d %s" font-family="sans-serif" font-size="%d" data-inline="timeline">`+"\n",
		width, num(height), width, num(height), fontSize)
	p("<title>%s</title>\n", esc(title))
	p(`<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="%s"/></marker>`+
		`<pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="%s"/><line x1="0" y1="0" x2="0" y2="6" stroke="#C4C4C4" stroke-width="2"/></pattern></defs>`+"\n",
		handoffColour, waitColour)
	p(`<rect width="100%%" height="100%%" fill="#FFFFFF"/>` + "\n")
	p(`<text x="12" y="24" font-size="16" font-weight="bold">%s</text>`+"\n", esc(title))
	p(`<text x="12" y="44" fill="#444444">One lane per OS thread, time left to right. Hover a mark for its trace line and time.</text>` + "\n")

	// Grid lines and the time axis.
	p(`<g class="axis">` + "\n")
	for t := time.Duration(0); t <= total; t += step {
		xx := x(t)
		p(`<line x1="%s" y1="%d" x2="%s" y2="%s" stroke="#EEEEEE"/>`+"\n", num(xx), top, num(xx), num(axisY))
		p(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#555555"/>`+"\n", num(xx), num(axisY), num(xx), num(axisY+5))
		p(`<text x="%s" y="%s" text-anchor="middle">%s</text>`+"\n", num(xx), num(axisY+18), ms(t))
	}
	p(`<line x1="%d" y1="%s" x2="%d" y2="%s" stroke="#555555"/>`+"\n", left, num(axisY), left+plotW, num(axisY))
	p(`<text x="%d" y="%s" text-anchor="middle" fill="#444444">time since the runtime started (ms)</text>`+"\n", left+plotW/2, num(axisY+34))
	p("</g>\n")

	// The lanes, each in a group of its own.
	for i, thread := range threads {
		seq := 0
		y := laneTop(i)
		fill := "#FFFFFF"
		if i%2 == 1 {
			fill = "#F6F6F6"
		}
		p(`<g class="lane" data-thread="%s">`+"\n", esc(thread))
		p(`<rect x="0" y="%s" width="%d" height="%d" fill="%s"/>`+"\n", num(y), width, laneH, fill)
		p(`<text x="12" y="%s" font-size="14" font-weight="bold">%s</text>`+"\n", num(y+barTop+barH/2), esc(thread))
		p(`<text x="12" y="%s" font-size="11" fill="#666666">%s</text>`+"\n", num(y+barTop+barH/2+15), role(thread))
		var labels []label
		for _, e := range events {
			if e.Thread != thread || !e.Kind.IsSpan() {
				continue
			}
			x0, x1 := x(e.At), x(e.End)
			w := max(x1-x0, 1.5)
			colour, text, style := "", e.Label, ""
			switch e.Kind {
			case Wait:
				colour = "url(#hatch)"
				style = ` fill-opacity="1"`
			case Program:
				colour, text = programColour, "program"
			default:
				colour = colourOf(e.Label)
			}
			p(`<rect class="span %s" x="%s" y="%s" width="%s" height="%d" fill="%s"%s tabindex="0"><title>%s</title></rect>`+"\n",
				kindName(e.Kind), num(x0), num(y+barTop), num(w), barH, colour, style,
				esc(fmt.Sprintf("%s: %s, %s to %s (%s)", thread, spanText(e), ms(e.At), ms(e.End), ms(e.End-e.At))))
			if e.Kind == Task && w > float64(len(text)+8)*charW {
				text += " " + ms(e.End-e.At)
			}
			if float64(len(text))*charW+6 < w {
				textColour := "#FFFFFF"
				if e.Kind == Wait {
					textColour = "#555555"
				}
				p(`<text x="%s" y="%s" text-anchor="middle" fill="%s" pointer-events="none">%s</text>`+"\n",
					num((x0+x1)/2), num(y+barTop+barH/2+4), textColour, esc(text))
			}
		}
		for _, c := range clusters(events, thread, x) {
			labels = append(labels, label{x: c.x, text: c.text()})
		}
		for _, e := range events {
			if e.Kind == Line {
				seq++ // the line's place in the whole trace, across lanes
			}
			if e.Thread != thread || e.Kind.IsSpan() {
				continue
			}
			xx, cy := x(e.At), y+barTop+barH/2
			tip := esc(fmt.Sprintf("%s at %s: %s", thread, ms(e.At), markText(e)))
			switch e.Kind {
			case Line:
				p(`<circle class="marker line" cx="%s" cy="%s" r="2.6" fill="%s" data-seq="%d" tabindex="0"><title>%s</title></circle>`+"\n", num(xx), num(y+dotY), lineColour, seq, tip)
			case Tick:
				p(`<line class="marker tick" x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2" tabindex="0"><title>%s</title></line>`+"\n",
					num(xx), num(y+barTop-4), num(xx), num(y+barTop+barH+4), tickColour, tip)
			case TimerFire:
				p(`<path class="marker timer" d="M%s,%s l6,6 l-6,6 l-6,-6 z" fill="%s" stroke="#FFFFFF" stroke-width="0.8" tabindex="0"><title>%s</title></path>`+"\n",
					num(xx), num(cy-6), timerColour, tip)
			case Callback:
				p(`<circle class="marker callback" cx="%s" cy="%s" r="5" fill="%s" stroke="#FFFFFF" stroke-width="0.8" tabindex="0"><title>%s</title></circle>`+"\n",
					num(xx), num(cy), callbackColour, tip)
			case OSEvent:
				p(`<path class="marker event" d="M%s,%s l6,11 l-12,0 z" fill="%s" stroke="#FFFFFF" stroke-width="0.8" tabindex="0"><title>%s</title></path>`+"\n",
					num(xx), num(cy-6), eventColour, tip)
			}
		}
		for _, l := range placeLabels(labels) {
			p(`<text class="label" x="%s" y="%s" text-anchor="middle">%s</text>`+"\n", num(l.x), num(y+l.row), esc(l.text))
		}
		p("</g>\n")
	}

	// The handoffs, over the lanes.
	p(`<g class="handoffs" fill="none" stroke="%s" stroke-width="1.3" stroke-opacity="0.85">`+"\n", handoffColour)
	for _, h := range handoffs {
		if _, ok := lane[h.From]; !ok {
			continue
		}
		if _, ok := lane[h.To]; !ok {
			continue
		}
		y0, y1 := barMid(h.From), barMid(h.To)
		if y1 > y0 {
			y0, y1 = y0+barH/2, y1-barH/2
		} else {
			y0, y1 = y0-barH/2, y1+barH/2
		}
		p(`<line class="handoff" x1="%s" y1="%s" x2="%s" y2="%s" marker-end="url(#arrow)" tabindex="0"><title>%s</title></line>`+"\n",
			num(x(h.Sent)), num(y0), num(x(h.Received)), num(y1),
			esc(fmt.Sprintf("%s %d: %s → %s, sent at %s, taken at %s", h.What, h.ID, h.From, h.To, ms(h.Sent), ms(h.Received))))
	}
	p("</g>\n")

	// The legend.
	p(`<g class="legend">` + "\n")
	for _, it := range legend {
		lx, ly := it.x, legendY+float64(it.row)*22
		p("%s", it.swatch(lx, ly))
		p(`<text x="%s" y="%s">%s</text>`+"\n", num(lx+22), num(ly+4), esc(it.text))
	}
	p("</g>\n</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// laneOrder returns the threads that have events: main, the pool threads
// by number, epoll, then the others by name.
func laneOrder(events []Event) []string {
	var threads []string
	for _, e := range events {
		if !slices.Contains(threads, e.Thread) {
			threads = append(threads, e.Thread)
		}
	}
	rank := func(t string) (int, int) {
		switch {
		case t == "main":
			return 0, 0
		case strings.HasPrefix(t, "pool"):
			if n, err := strconv.Atoi(t[4:]); err == nil {
				return 1, n
			}
		case t == "epoll":
			return 2, 0
		}
		return 3, 0
	}
	sort.Slice(threads, func(i, j int) bool {
		ri, ni := rank(threads[i])
		rj, nj := rank(threads[j])
		if ri != rj {
			return ri < rj
		}
		if ni != nj {
			return ni < nj
		}
		return threads[i] < threads[j]
	})
	return threads
}

// role is the small print under a lane's name.
func role(thread string) string {
	switch {
	case thread == "main":
		return "loop thread"
	case strings.HasPrefix(thread, "pool"):
		return "pool thread"
	case thread == "epoll":
		return "OS event queue"
	}
	return ""
}

// axis returns the axis's length, end and a little room, and a step of
// 1, 2 or 5 times a power of ten milliseconds that gives 5 to 12 steps.
func axis(end time.Duration) (total, step time.Duration) {
	endMs := max(float64(end)/float64(time.Millisecond), 1)
	pow := math.Pow(10, math.Floor(math.Log10(endMs/5)))
	for _, m := range []float64{1, 2, 5, 10} {
		if endMs/(m*pow) <= 12 {
			stepMs := m * pow
			step = time.Duration(stepMs * float64(time.Millisecond))
			return max(end+end/50, step), step
		}
	}
	return end, end // not reached
}

func taskNamesOf(events []Event) []string {
	var names []string
	for _, e := range events {
		if e.Kind == Task && !slices.Contains(names, e.Label) {
			names = append(names, e.Label)
		}
	}
	return names
}

func kindName(k Kind) string {
	return [...]string{"line", "tick", "timer", "callback", "event", "program", "task", "wait"}[k]
}

func spanText(e Event) string {
	switch e.Kind {
	case Program:
		return "the program runs"
	case Task:
		return "runs a task of type " + e.Label
	}
	return e.Label
}

func markText(e Event) string {
	switch e.Kind {
	case Line:
		return e.Label
	case Tick:
		return fmt.Sprintf("tick %d starts", e.ID)
	case TimerFire:
		return fmt.Sprintf("timer %d fires", e.ID)
	case Callback:
		if e.ID == 0 {
			return "an immediate runs"
		}
		return fmt.Sprintf("the callback of %d runs", e.ID)
	case OSEvent:
		return fmt.Sprintf("the OS reports event %d", e.ID)
	}
	return ""
}

// cluster is a run of marks of one kind on one lane so close together
// that they get one label.
type cluster struct {
	kind Kind
	x    float64
	ids  []int
}

func (c cluster) text() string {
	word := map[Kind]string{Tick: "tick", TimerFire: "timer", Callback: "callback", OSEvent: "event"}[c.kind]
	ids := slices.Clone(c.ids)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if c.kind == Callback && slices.Contains(ids, 0) {
		if len(ids) == 1 {
			return "immediate"
		}
		ids = slices.DeleteFunc(ids, func(id int) bool { return id == 0 })
	}
	if len(ids) == 1 {
		return fmt.Sprintf("%s %d", word, ids[0])
	}
	if c.kind == Tick && ids[len(ids)-1]-ids[0] == len(ids)-1 {
		return fmt.Sprintf("ticks %d–%d", ids[0], ids[len(ids)-1])
	}
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.Itoa(id)
	}
	return word + "s " + strings.Join(s, ",")
}

// clusters groups the labelled marks of thread: marks of one kind less
// than 10 units apart share a label at their middle.
func clusters(events []Event, thread string, x func(time.Duration) float64) []cluster {
	var out []cluster
	for _, k := range []Kind{Tick, TimerFire, Callback, OSEvent} {
		var cur *cluster
		var last float64
		for _, e := range events {
			if e.Thread != thread || e.Kind != k {
				continue
			}
			xx := x(e.At)
			if cur != nil && xx-last < 10 {
				cur.ids = append(cur.ids, e.ID)
				cur.x = (cur.x*float64(len(cur.ids)-1) + xx) / float64(len(cur.ids))
			} else {
				out = append(out, cluster{kind: k, x: xx, ids: []int{e.ID}})
				cur = &out[len(out)-1]
			}
			last = xx
		}
	}
	return out
}

type label struct {
	x    float64
	row  float64
	text string
}

// placeLabels puts each label in the lowest of the three label rows where it
// overlaps no other, and leaves out a label that fits in neither (its
// marks keep their hover text).
func placeLabels(labels []label) []label {
	sort.Slice(labels, func(i, j int) bool { return labels[i].x < labels[j].x })
	rows := []float64{labelRow3, labelRow2, labelRow1}
	ends := []float64{math.Inf(-1), math.Inf(-1), math.Inf(-1)}
	var out []label
	for _, l := range labels {
		w := float64(len([]rune(l.text))) * charW
		x0 := max(l.x-w/2, left-20)
		for i := range rows {
			if x0 >= ends[i]+6 {
				ends[i] = x0 + w
				l.row = rows[i]
				l.x = x0 + w/2
				out = append(out, l)
				break
			}
		}
	}
	return out
}

// legendItem is one entry of the legend.
type legendItem struct {
	text   string
	swatch func(x, y float64) string
	x      float64
	row    int
}

func legendItems(taskNames []string, colourOf func(string) string) []*legendItem {
	bar := func(fill string) func(x, y float64) string {
		return func(x, y float64) string {
			return fmt.Sprintf(`<rect x="%s" y="%s" width="16" height="12" fill="%s"/>`+"\n", num(x), num(y-6), fill)
		}
	}
	items := []*legendItem{}
	for _, n := range taskNames {
		items = append(items, &legendItem{text: "task: " + n, swatch: bar(colourOf(n))})
	}
	items = append(items,
		&legendItem{text: "the program, before tick 1", swatch: bar(programColour)},
		&legendItem{text: "waiting (for work, or in the event queue)", swatch: bar("url(#hatch)")},
		&legendItem{text: "tick", swatch: func(x, y float64) string {
			return fmt.Sprintf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2"/>`+"\n", num(x+8), num(y-8), num(x+8), num(y+8), tickColour)
		}},
		&legendItem{text: "timer fires", swatch: func(x, y float64) string {
			return fmt.Sprintf(`<path d="M%s,%s l6,6 l-6,6 l-6,-6 z" fill="%s"/>`+"\n", num(x+8), num(y-6), timerColour)
		}},
		&legendItem{text: "callback runs", swatch: func(x, y float64) string {
			return fmt.Sprintf(`<circle cx="%s" cy="%s" r="5" fill="%s"/>`+"\n", num(x+8), num(y), callbackColour)
		}},
		&legendItem{text: "OS event", swatch: func(x, y float64) string {
			return fmt.Sprintf(`<path d="M%s,%s l6,11 l-12,0 z" fill="%s"/>`+"\n", num(x+8), num(y-6), eventColour)
		}},
		&legendItem{text: "a printed trace line", swatch: func(x, y float64) string {
			return fmt.Sprintf(`<circle cx="%s" cy="%s" r="2.6" fill="%s"/>`+"\n", num(x+8), num(y), lineColour)
		}},
		&legendItem{text: "handed to another thread", swatch: func(x, y float64) string {
			return fmt.Sprintf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="1.3" marker-end="url(#arrow)"/>`+"\n", num(x), num(y), num(x+16), num(y), handoffColour)
		}},
	)
	return items
}

// layoutLegend places the items in rows across the picture and returns
// the number of rows.
func layoutLegend(items []*legendItem) int {
	x, row := float64(12), 0
	for _, it := range items {
		w := 22 + float64(len([]rune(it.text)))*charW + 18
		if x+w > width-12 && x > 12 {
			x, row = 12, row+1
		}
		it.x, it.row = x, row
		x += w
	}
	return row + 1
}

// ms formats d in milliseconds: one decimal below 10 ms, none above.
func ms(d time.Duration) string {
	v := float64(d) / float64(time.Millisecond)
	if v < 10 && v != math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', 1, 64) + " ms"
	}
	return strconv.FormatFloat(v, 'f', 0, 64) + " ms"
}

// num formats a coordinate with at most one decimal.
func num(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

// esc escapes text for XML character data and attribute values.
func esc(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&apos;")
		case '\t', '\n':
			b.WriteRune(' ')
		default:
			if r < 0x20 {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}
