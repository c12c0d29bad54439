package trace

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// A Record is one thing a program printed: a thread line or a whole
// content block.
type Record struct {
	// Line is the 1-based line number of the record's first line.
	Line int
	// Thread is the name of the thread that printed the record.
	Thread string
	// Text is the message of a thread line, or for a content block all
	// of its lines, header and end line included, joined with "\n".
	// Trailing spaces and tabs are removed from every line.
	Text string
}

const (
	threadPrefix = "Thread: "
	blockPrefix  = "===== THREAD "
	blockStart   = " START CONTENT"
	blockSuffix  = " ====="
	blockEnd     = "===== END CONTENT ====="
)

// String returns the record as the program printed it, except for
// trailing white space.
func (r Record) String() string {
	if strings.Contains(r.Text, "\n") {
		return r.Text
	}
	return threadPrefix + r.Thread + "\t " + r.Text
}

// firstLine returns the first printed line of the record, for messages.
func (r Record) firstLine() string {
	s, _, _ := strings.Cut(r.String(), "\n")
	return s
}

// ParseTrace reads a program's output and splits it into records.
// Blank lines between records are skipped; anything that is neither a
// thread line nor part of a content block is an error.
func ParseTrace(r io.Reader) ([]Record, error) {
	var recs []Record
	var block *Record // the content block being read, if any
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSuffix(sc.Text(), "\r")
		if block != nil {
			line = trimRight(line)
			block.Text += "\n" + line
			if line == blockEnd {
				recs = append(recs, *block)
				block = nil
			}
			continue
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		if rest, ok := strings.CutPrefix(line, threadPrefix); ok {
			name, text, ok := strings.Cut(rest, "\t")
			if !ok || !validThread(name) || !strings.HasPrefix(text, " ") {
				return nil, fmt.Errorf("line %d: malformed thread line (want \"Thread: NAME<TAB><SPACE>TEXT\"): %q", n, line)
			}
			recs = append(recs, Record{Line: n, Thread: name, Text: trimRight(text[1:])})
			continue
		}
		line = trimRight(line)
		if name, ok := blockHeader(line); ok {
			block = &Record{Line: n, Thread: name, Text: line}
			continue
		}
		return nil, fmt.Errorf("line %d: not a trace line: %q", n, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %v", n+1, err)
	}
	if block != nil {
		return nil, fmt.Errorf("line %d: content block is never closed by %q", block.Line, blockEnd)
	}
	return recs, nil
}

// blockHeader reports whether line opens a content block,
// "===== THREAD NAME START CONTENT - DESCRIPTION =====", and returns NAME.
func blockHeader(line string) (string, bool) {
	rest, ok := strings.CutPrefix(line, blockPrefix)
	if !ok || !strings.HasSuffix(rest, blockSuffix) {
		return "", false
	}
	name, _, ok := strings.Cut(rest, blockStart)
	return name, ok && validThread(name)
}

// validThread reports whether name can be a thread name: it must be
// non-empty and free of white space, so that a spec can write it as a field.
func validThread(name string) bool {
	return name != "" && !strings.ContainsAny(name, " \t")
}

func trimRight(s string) string { return strings.TrimRight(s, " \t\r") }
