package bookcheck

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/nodeexperiment/gonode/tools/internal/site"
)

// TestTheRealBook renders the project's own book (two folders up, where
// mdbook.toml is) and fails on any missing file, missing anchor, broken
// link or pasted Go block: the book may only show code and output that
// the repository really has.
func TestTheRealBook(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "mdbook.toml")); err != nil {
		t.Fatalf("the project's mdbook.toml is not at %s: %v", root, err)
	}
	if _, err := site.Check(site.Options{Dir: root}); err != nil {
		t.Fatalf("the book does not check:\n%v", err)
	}
}
