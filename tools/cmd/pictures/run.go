package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// runPath is chapter 04's recorded run, from the book's root: the run
// the chapter's page shows, which make golden records from a real run.
const runPath = "chapters/04-modules/output.txt"

// record is one entry of a trace: a thread's line, or a content block
// (printed by main), with its header's description and its first line.
type record struct {
	thread, text string
}

var (
	lineRe  = regexp.MustCompile(`^Thread: (\S+)\t (.*)$`)
	blockRe = regexp.MustCompile(`^===== THREAD (\S+) START CONTENT - (.*) =====$`)
	tickRe  = regexp.MustCompile(`^===== TICK (\d+) =====$`)
	taskRe  = regexp.MustCompile(`^(received a task|finished running a task) of type: (.*?)\.?$`)
)

// readRun parses the trace at path into records.
func readRun(path string) ([]record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var recs []record
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := strings.TrimRight(sc.Text(), " \t\r")
		if m := lineRe.FindStringSubmatch(l); m != nil {
			recs = append(recs, record{m[1], m[2]})
			continue
		}
		if m := blockRe.FindStringSubmatch(l); m != nil {
			first := ""
			if sc.Scan() {
				first = strings.TrimSpace(sc.Text())
			}
			for sc.Scan() && !strings.HasPrefix(sc.Text(), "===== END CONTENT") {
			}
			recs = append(recs, record{m[1], m[2] + ": " + first})
			continue
		}
		if l != "" {
			return nil, fmt.Errorf("%s: a line that is neither a thread's nor a block's: %q", path, l)
		}
	}
	return recs, sc.Err()
}

// run04 draws chapter 04's recorded run (04-modules.md), read from
// root/chapters/04-modules/output.txt: one row per record, in the order
// printed, and a column per thread; a pool thread's task is one bar from
// the line where it received the task to the line where it finished it,
// so that the ticks main turns while a task runs can be counted beside it.
func run04(root string) (*figure, error) {
	recs, err := readRun(filepath.Join(root, filepath.FromSlash(runPath)))
	if err != nil {
		return nil, err
	}
	const (
		top   = 48.0
		row   = 21.0
		font  = 11.0
		mainX = 10.0
		mainW = 390.0
	)
	cols := map[string]float64{"pool0": 410, "pool1": 490, "pool2": 570, "pool3": 650, "epoll": 730}
	const colW, epollW = 72.0, 120.0
	f := &figure{name: "run-04", w: 860, h: top + float64(len(recs))*row + 10,
		title: "Chapter 04's recorded run, thread by thread"}
	add := func(x, y, w, h float64, st style, lines ...string) {
		f.shapes = append(f.shapes, &shape{kind: kindBox, x: x, y: y, w: w, h: h, st: st, lines: lines, font: font})
	}
	add(mainX, 10, mainW, 26, blue, "*main")
	for _, n := range []string{"pool0", "pool1", "pool2", "pool3"} {
		add(cols[n], 10, colW, 26, green, "*"+n)
	}
	add(cols["epoll"], 10, epollW, 26, orange, "*epoll")
	started := map[string]int{} // pool thread → row of its "received"
	ticks, tasks := 0, map[string][]string{}
	y := func(i int) float64 { return top + float64(i)*row }
	for i, r := range recs {
		switch {
		case r.thread == "main" && tickRe.MatchString(r.text):
			ticks++
			add(mainX, y(i), mainW, row-2, grey, "*"+r.text)
		case r.thread == "main":
			add(mainX, y(i), mainW, row-2, blue, r.text)
		case r.thread == "epoll":
			text := strings.TrimPrefix(r.text, "epoll ")
			if strings.HasSuffix(text, "of type: Close") {
				text = "Close"
			}
			add(cols["epoll"], y(i), epollW, row-2, orange, text)
		default:
			x, ok := cols[r.thread]
			m := taskRe.FindStringSubmatch(r.text)
			if !ok || m == nil {
				return nil, fmt.Errorf("%s: line %d: no column for %s: %q", runPath, i+1, r.thread, r.text)
			}
			kind := m[2]
			switch {
			case kind == "Close":
				add(x, y(i), colW, row-2, grey, "Close")
			case strings.HasPrefix(m[1], "received"):
				started[r.thread] = i
			default:
				s, ok := started[r.thread]
				if !ok {
					return nil, fmt.Errorf("%s: line %d: %s finished a task it never received", runPath, i+1, r.thread)
				}
				delete(started, r.thread)
				add(x, y(s), colW, y(i)+row-2-y(s), green, strings.Fields(kind)...)
				tasks[r.thread] = append(tasks[r.thread], kind)
			}
		}
	}
	if len(started) > 0 {
		return nil, fmt.Errorf("%s: tasks received and never finished: %v", runPath, started)
	}
	var did []string
	for _, n := range []string{"pool0", "pool1", "pool2", "pool3"} {
		if len(tasks[n]) > 0 {
			did = append(did, n+" ran "+strings.Join(tasks[n], " then "))
		}
	}
	f.desc = fmt.Sprintf("The run recorded in %s, one row per line in the order printed, one column per thread: main, pool0 to pool3 and epoll. "+
		"Main ran the program, then %d ticks. A pool thread's task is a bar from the line where it received the task to the line where it finished it: %s. "+
		"Main's ticks go on beside the bars; the epoll thread reports the web call's event, and at the end each thread's Close.",
		runPath, ticks, strings.Join(did, "; "))
	return f, nil
}
