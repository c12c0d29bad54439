package typealong

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMyStepPlacements(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	prevOf := map[string]string{"steps/08-timers": "steps/07-one-thread", "steps/09-queues": "steps/08-timers", "steps/10-puzzles": "steps/09-queues", "steps/11-errors": "steps/10-puzzles"}
	for _, name := range strings.Fields(os.Getenv("PAGES")) {
		ls, err := Listings(filepath.Join(root, "book", name))
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range ls {
			if !strings.HasPrefix(l.Path, "steps/") {
				continue
			}
			dir := strings.Join(strings.Split(l.Path, "/")[:2], "/")
			prev := prevOf[dir]
			rel := strings.TrimPrefix(l.Path, dir+"/")
			l2 := l
			if err := Check(filepath.Join(root), l2, prev); err != nil {
				s, _ := Suggest(root, l2, prev)
				t.Errorf("%s:%d (%s): %v\n\tperhaps: %s", name, l.Line, rel, err, s)
			}
		}
	}
}
