package result

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// SameFiles reports, as an error, each of the named files that differs
// between directories a and b or cannot be read in either. The
// harnesses' tests use it to check that a redraw from the raw figures
// gives back the files a run wrote.
func SameFiles(a, b string, names ...string) error {
	var errs []error
	for _, name := range names {
		x, errA := os.ReadFile(filepath.Join(a, name))
		y, errB := os.ReadFile(filepath.Join(b, name))
		switch {
		case errA != nil || errB != nil:
			errs = append(errs, fmt.Errorf("reading %s: %w", name, errors.Join(errA, errB)))
		case string(x) != string(y):
			errs = append(errs, fmt.Errorf("%s redrawn differs from the run's:\n%s\nwant\n%s", name, y, x))
		}
	}
	return errors.Join(errs...)
}
