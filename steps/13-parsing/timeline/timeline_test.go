package timeline

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// svgStats is what a test reads back from a picture: the lanes' threads
// in order and how many elements carry each class.
type svgStats struct {
	lanes   []string
	classes map[string]int
}

// parseSVG decodes the whole document with encoding/xml, so that a
// picture that is not well-formed XML fails, and counts what it holds.
func parseSVG(t *testing.T, svg []byte) svgStats {
	t.Helper()
	st := svgStats{classes: map[string]int{}}
	d := xml.NewDecoder(bytes.NewReader(svg))
	d.Strict = true
	root := ""
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v\n%s", err, svg)
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root == "" {
			root = el.Name.Local
			if el.Name.Space != "http://www.w3.org/2000/svg" {
				t.Errorf("root element's namespace is %q", el.Name.Space)
			}
		}
		for _, a := range el.Attr {
			switch a.Name.Local {
			case "class":
				st.classes[a.Value]++
			case "data-thread":
				st.lanes = append(st.lanes, a.Value)
			}
		}
	}
	if root != "svg" {
		t.Fatalf("root element is %q, want svg", root)
	}
	return st
}

func TestOffRecordsNothing(t *testing.T) {
	Stop()
	if On() {
		t.Fatal("On after Stop")
	}
	if !Now().IsZero() {
		t.Error("Now read the clock while recording was off")
	}
	Mark("main", Tick, 1)
	PrintedLine("main", "x")
	Span("main", Wait, "w", time.Now())
	Send("main", "task", 1)
	Receive("pool0", "task", 1)
	if r := Stop(); r != nil {
		t.Fatalf("Stop returned a recorder while none was started: %v", r.Events())
	}
	r := Start()
	defer Stop()
	Receive("pool0", "task", 1) // the Send above was not recorded
	if ev, h := r.Events(), r.Handoffs(); len(ev) != 0 || len(h) != 0 {
		t.Fatalf("a new recording holds %v and %v", ev, h)
	}
}

func TestSpanStartedWhileOffIsDropped(t *testing.T) {
	Stop()
	start := Now()
	r := Start()
	defer Stop()
	Span("main", Wait, "w", start)
	if ev := r.Events(); len(ev) != 0 {
		t.Fatalf("recorded %v", ev)
	}
}

func TestHandoffsPairOldestFirst(t *testing.T) {
	r := Start()
	defer Stop()
	Send("epoll", "event", 7)
	Send("epoll", "event", 7)
	Receive("main", "event", 7)
	Receive("main", "event", 7)
	Receive("main", "event", 7) // nothing left to receive
	Receive("main", "event", 8) // never sent
	h := r.Handoffs()
	if len(h) != 2 {
		t.Fatalf("got %d handoffs, want 2: %v", len(h), h)
	}
	for i, x := range h {
		if x.From != "epoll" || x.To != "main" || x.What != "event" || x.ID != 7 || x.Received < x.Sent {
			t.Errorf("handoff %d is %+v", i, x)
		}
	}
	if h[0].Sent > h[1].Sent {
		t.Errorf("the second send was received first: %v", h)
	}
}

// record plays a small run: two pool threads, the main thread and the
// poller, with every kind of event, and text that XML must escape.
func record(t *testing.T) (*Recorder, int) {
	t.Helper()
	r := Start()
	defer Stop()
	var lines atomic.Int64
	line := func(thread, text string) { PrintedLine(thread, text); lines.Add(1) }
	start := Now()
	line("main", `I want to create a "magic" number <based> on the text & more's`)
	line("main", "a tab\there and a control \x01 character")
	Span("main", Program, "program", start)
	Mark("main", Tick, 1)
	Send("main", "task", 1)
	var wg sync.WaitGroup
	for i, thread := range []string{"pool0", "pool1"} {
		wg.Go(func() {
			idle := Now()
			time.Sleep(time.Millisecond)
			Span(thread, Wait, "waiting for work", idle)
			if i == 0 {
				Receive(thread, "task", 1)
			}
			run := Now()
			line(thread, "received a task of type: File read")
			time.Sleep(2 * time.Millisecond)
			Span(thread, Task, []string{"File read", "Encrypt"}[i], run)
			Send(thread, "result", 1)
		})
	}
	wg.Wait()
	w := Now()
	Mark("epoll", OSEvent, 7)
	Send("epoll", "event", 7)
	Span("epoll", Wait, "epoll_wait", w)
	line("epoll", "epoll event 7 is ready")
	Receive("main", "result", 1)
	Mark("main", Callback, 1)
	Receive("main", "event", 7)
	Mark("main", Callback, 7)
	Mark("main", Callback, 0)
	Mark("main", TimerFire, 2)
	Mark("main", TimerFire, 3)
	Mark("main", Tick, 2)
	line("main", "FINISHED")
	return r, int(lines.Load())
}

func TestSVGHasALanePerThreadAndAMarkerPerEvent(t *testing.T) {
	r, lines := record(t)
	var b bytes.Buffer
	if err := r.WriteSVG(&b, `a <title> & "quotes"`); err != nil {
		t.Fatal(err)
	}
	st := parseSVG(t, b.Bytes())
	if got, want := strings.Join(st.lanes, " "), "main pool0 pool1 epoll"; got != want {
		t.Errorf("lanes %q, want %q", got, want)
	}
	want := map[string]int{
		"marker line":     lines,
		"marker tick":     2,
		"marker timer":    2,
		"marker callback": 3,
		"marker event":    1,
		"span task":       2,
		"span program":    1,
		"span wait":       3,
		"handoff":         3,
	}
	for class, n := range want {
		if st.classes[class] != n {
			t.Errorf("%d elements of class %q, want %d", st.classes[class], class, n)
		}
	}
	for _, s := range []string{"File read", "Encrypt", "0 ms", "time since the runtime started (ms)", "waiting (for work"} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("the picture lacks %q", s)
		}
	}
	if strings.Contains(b.String(), "<script") {
		t.Error("the picture holds a script")
	}
}

func TestEmptyRecordingIsStillAPicture(t *testing.T) {
	r := Start()
	Stop()
	var b bytes.Buffer
	if err := r.WriteSVG(&b, "empty"); err != nil {
		t.Fatal(err)
	}
	if st := parseSVG(t, b.Bytes()); len(st.lanes) != 0 {
		t.Errorf("lanes %v", st.lanes)
	}
}

func TestLabelsDoNotOverlap(t *testing.T) {
	var in []label
	for range 5 {
		in = append(in, label{x: 500, text: "callbacks 1,4"})
	}
	in = append(in, label{x: 900, text: "tick 9"})
	out := placeLabels(in)
	if len(out) != 4 {
		t.Fatalf("placed %d labels, want 3 at x=500 (one per row) and the one at 900: %v", len(out), out)
	}
	for i, a := range out {
		for _, b := range out[i+1:] {
			wa := float64(len(a.text)) * charW
			wb := float64(len(b.text)) * charW
			if a.row == b.row && a.x-wa/2 < b.x+wb/2 && b.x-wb/2 < a.x+wa/2 {
				t.Errorf("labels %+v and %+v overlap", a, b)
			}
		}
	}
}

func TestAxisSteps(t *testing.T) {
	for _, c := range []struct {
		end, step time.Duration
	}{
		{3500 * time.Millisecond, 500 * time.Millisecond},
		{40 * time.Millisecond, 5 * time.Millisecond},
		{0, 100 * time.Microsecond},
	} {
		total, step := axis(c.end)
		if step != c.step || total < c.end || total <= 0 {
			t.Errorf("axis(%v) = %v, %v; want a step of %v and a total of at least the end", c.end, total, step, c.step)
		}
	}
}
