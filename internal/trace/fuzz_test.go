package trace

import (
	"os"
	"strings"
	"testing"
)

func FuzzParseSpec(f *testing.F) {
	for _, name := range []string{"testdata/example.spec"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("a main x {y}\n  | {z...} {{ }}\norder a < {a}\nfirst a\n")
	f.Add("t* pool{p} tick {n}\nincreasing t n\nsequence pool{p}\n")
	trace := "Thread: main\t First call to read test.txt\nThread: pool1\t x\n"
	recs, err := ParseTrace(strings.NewReader(trace))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		s, err := ParseSpec(strings.NewReader(spec))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "spec line ") {
				t.Fatalf("error without a line number: %v", err)
			}
			return
		}
		// Checking must not panic either, whatever the spec says.
		s.Check(recs, MaxBacktracks(1000))
		s.Check(recs, OnlyThreads("main"), MaxBacktracks(1000))
	})
}

func FuzzParseTrace(f *testing.F) {
	b, err := os.ReadFile("testdata/example.trace")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(b))
	f.Add("Thread: main\t \r\n===== THREAD x START CONTENT =====\n\n===== END CONTENT =====\n")
	f.Fuzz(func(t *testing.T, s string) {
		recs, err := ParseTrace(strings.NewReader(s))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "line ") {
				t.Fatalf("error without a line number: %v", err)
			}
			return
		}
		// Each record prints as text that parses back to it.
		for _, r := range recs {
			back, err := ParseTrace(strings.NewReader(r.String()))
			if err != nil || len(back) != 1 || back[0].Thread != r.Thread || back[0].Text != r.Text {
				t.Fatalf("record %q does not parse back: %q, %v", r, back, err)
			}
		}
	})
}
