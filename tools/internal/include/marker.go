package include

// IsAnchorMarker reports whether line is an "ANCHOR: name" or
// "ANCHOR_END: name" line, which an anchored selection never shows.
func IsAnchorMarker(line string) bool {
	return anchorStart.MatchString(line) || anchorEnd.MatchString(line)
}
