//go:build exercises && solution

package parsing

// The reference answer to the exercise of exercise_length.go. Try that file first.

import (
	"bytes"
	"strconv"
)

// ANCHOR: start

// ContentLengthEnd finds the blank line that ends the header, reads
// Content-Length from the header lines, and adds it to where the body
// starts.
func ContentLengthEnd(data []byte) (end int, complete bool) {
	i := bytes.Index(data, []byte("\r\n\r\n"))
	if i < 0 {
		return 0, false
	}
	body := i + 4
	for _, line := range bytes.Split(data[:i], []byte("\r\n"))[1:] {
		name, value, ok := bytes.Cut(line, []byte(":"))
		if !ok || !bytes.EqualFold(bytes.TrimSpace(name), []byte("Content-Length")) {
			continue
		}
		n, err := strconv.Atoi(string(bytes.TrimSpace(value)))
		if err != nil || n < 0 {
			return 0, false
		}
		if len(data)-body < n {
			return 0, false
		}
		return body + n, true
	}
	return 0, false
}

// ANCHOR_END: start
