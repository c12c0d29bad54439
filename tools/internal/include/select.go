package include

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

var (
	anchorStart = regexp.MustCompile(`ANCHOR:\s*([\w-]+)`)
	anchorEnd   = regexp.MustCompile(`ANCHOR_END:\s*([\w-]+)`)
)

// Select returns the part of text named by sel, the part of an include
// directive after the first colon: "" (everything), "N" (line N), "N:"
// (line N to the end), "::M" or ":M" with empty start (lines 1 to M),
// "N:M" (lines N to M), or an anchor name. Lines are joined with "\n" and
// the result has no trailing newline, as in mdBook.
func Select(text, sel string) (string, error) {
	lines, _, err := SelectLines(text, sel)
	if err != nil {
		return "", err
	}
	return strings.Join(lines, "\n"), nil
}

// SelectLines is Select returning the selected lines and, for each, its
// 1-based line number in text. An anchor's leading and trailing blank
// lines are left out; a line range is kept as it is.
func SelectLines(text, sel string) (lines []string, nums []int, err error) {
	all := SplitLines(text)
	first, rest, _ := strings.Cut(sel, ":")
	if first != "" {
		if _, err := strconv.Atoi(first); err != nil {
			return anchored(all, first)
		}
	}
	lines = all
	start, end := 0, len(lines)
	if first != "" {
		n, _ := strconv.Atoi(first)
		if n < 1 {
			return nil, nil, fmt.Errorf("line numbers start at 1, got %d", n)
		}
		start, end = n-1, n
		if strings.Contains(sel, ":") {
			end = len(lines)
		}
	}
	// Like mdBook, only the part up to a further colon is the end bound,
	// and an end that is not a number means "to the end of the file".
	endPart, _, _ := strings.Cut(rest, ":")
	if m, err := strconv.Atoi(endPart); err == nil {
		end = m
	}
	switch {
	case sel == "":
		// The whole file.
	case start >= len(lines):
		return nil, nil, fmt.Errorf("line range %q starts after the last line (%d)", sel, len(lines))
	case end > len(lines):
		return nil, nil, fmt.Errorf("line range %q ends after the last line (%d)", sel, len(lines))
	case end <= start:
		return nil, nil, fmt.Errorf("line range %q is empty", sel)
	}
	for i := start; i < end; i++ {
		nums = append(nums, i+1)
	}
	return lines[start:end], nums, nil
}

// IsMarker reports whether line marks the start or the end of an anchor
// ("ANCHOR: name" or "ANCHOR_END: name", in any comment syntax): a line
// the book's listings never show.
func IsMarker(line string) bool {
	return anchorStart.MatchString(line) || anchorEnd.MatchString(line)
}

// anchored returns the lines between "ANCHOR: name" and "ANCHOR_END:
// name", leaving out the marker lines of any other anchors and the blank
// lines at either end, with their line numbers.
func anchored(lines []string, name string) ([]string, []int, error) {
	var kept []string
	var nums []int
	found, ended := false, false
	for i, l := range lines {
		if !found {
			if m := anchorStart.FindStringSubmatch(l); m != nil && m[1] == name {
				found = true
			}
			continue
		}
		if m := anchorEnd.FindStringSubmatch(l); m != nil {
			if m[1] == name {
				ended = true
				break
			}
			continue
		}
		if anchorStart.MatchString(l) {
			continue
		}
		kept = append(kept, l)
		nums = append(nums, i+1)
	}
	for len(kept) > 0 && strings.TrimSpace(kept[0]) == "" {
		kept, nums = kept[1:], nums[1:]
	}
	for len(kept) > 0 && strings.TrimSpace(kept[len(kept)-1]) == "" {
		kept, nums = kept[:len(kept)-1], nums[:len(nums)-1]
	}
	switch {
	case !found:
		return nil, nil, fmt.Errorf("anchor %q not found (want a line with \"ANCHOR: %s\")", name, name)
	case !ended:
		return nil, nil, fmt.Errorf("anchor %q has no \"ANCHOR_END: %s\" line", name, name)
	case len(kept) == 0:
		return nil, nil, fmt.Errorf("anchor %q is empty", name)
	}
	return kept, nums, nil
}

// SplitLines splits text into lines the way Rust's str::lines does: no
// empty last line for a trailing newline, and "\r\n" counts as one break.
func SplitLines(text string) []string {
	if text == "" {
		return nil
	}
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}
