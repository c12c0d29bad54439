package include

import (
	"os"

	"github.com/nodeexperiment/gonode/tools/internal/steps"
)

// IsAnchorMarker reports whether line is an "ANCHOR: name" or
// "ANCHOR_END: name" line, which an anchored selection never shows.
func IsAnchorMarker(line string) bool {
	return anchorStart.MatchString(line) || anchorEnd.MatchString(line)
}

// ReadSource reads a file that the book shows code from. Files of final/
// carry the step markers that cut the book's Going-further steps from it
// (tools/cmd/steps); the book shows final/ as its last step is, without
// them, and so does every tool that compares what the book shows.
func ReadSource(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return steps.Final(data), nil
}
