package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/nodeexperiment/gonode/final/minimio"
	"github.com/nodeexperiment/gonode/internal/trace"
)

// timelineCheckMain is the test command "timelinecheck SVG TRACE": it
// checks the timeline picture a run wrote against the trace the same run
// printed, and exits with status 1 and the reasons on stderr if the
// picture is not well-formed XML, if its lanes are not exactly the
// threads that printed, main first, or if it does not hold one printed-
// line marker per trace record, one tick marker per TICK line and one OS
// event marker per "epoll event N is ready" line (main prints them: it
// waits in the event queue itself), and if main's waits are not labelled
// with the system call it waits in (minimio.WaitCall).
func timelineCheckMain() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: timelinecheck SVG TRACE")
		os.Exit(2)
	}
	if err := checkTimeline(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "timelinecheck:", err)
		os.Exit(1)
	}
}

func checkTimeline(svgPath, tracePath string) error {
	svg, err := os.ReadFile(svgPath)
	if err != nil {
		return err
	}
	text, err := os.ReadFile(tracePath)
	if err != nil {
		return err
	}
	records, err := trace.ParseTrace(bytes.NewReader(text))
	if err != nil {
		return err
	}
	lanes, classes, err := svgContents(svg)
	if err != nil {
		return fmt.Errorf("%s is not well-formed XML: %v", svgPath, err)
	}
	var errs []error
	printed := map[string]bool{}
	ticks, events := 0, 0
	tick := regexp.MustCompile(`^===== TICK \d+ =====$`)
	event := regexp.MustCompile(`^epoll event \d+ is ready$`)
	for _, r := range records {
		printed[r.Thread] = true
		if r.Thread == "main" && tick.MatchString(r.Text) {
			ticks++
		}
		if r.Thread == "main" && event.MatchString(r.Text) {
			events++
		}
	}
	threads := slices.Sorted(maps.Keys(printed))
	if got := slices.Sorted(slices.Values(lanes)); !slices.Equal(got, threads) {
		errs = append(errs, fmt.Errorf("lanes %v, want one per thread that printed: %v", lanes, threads))
	}
	if len(lanes) == 0 || lanes[0] != "main" {
		errs = append(errs, fmt.Errorf("lanes %v do not start with main", lanes))
	}
	for class, want := range map[string]int{"marker line": len(records), "marker tick": ticks, "marker event": events} {
		if classes[class] != want {
			errs = append(errs, fmt.Errorf("%d elements of class %q, want %d", classes[class], class, want))
		}
	}
	if wait := "main: " + minimio.WaitCall + ", "; !bytes.Contains(svg, []byte(wait)) {
		errs = append(errs, fmt.Errorf("no wait of main's is labelled %q", wait))
	}
	return errors.Join(errs...)
}

// svgContents decodes the whole document and returns the threads of its
// lanes, in order, and how many elements carry each class.
func svgContents(svg []byte) (lanes []string, classes map[string]int, err error) {
	classes = map[string]int{}
	d := xml.NewDecoder(bytes.NewReader(svg))
	d.Strict = true
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return lanes, classes, nil
		}
		if err != nil {
			return nil, nil, err
		}
		if el, ok := tok.(xml.StartElement); ok {
			for _, a := range el.Attr {
				switch a.Name.Local {
				case "class":
					classes[strings.TrimSpace(a.Value)]++
				case "data-thread":
					lanes = append(lanes, a.Value)
				}
			}
		}
	}
}
