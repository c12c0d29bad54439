package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nodeexperiment/gonode/tools/internal/site"
)

// copyDir copies the tree at src to dst, which must not hold any of its
// files yet.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// appendAndTouch adds text to a file and moves its modification time
// forward, so the change is seen even on coarse file system clocks.
func appendAndTouch(t *testing.T, p, text string, at time.Time) {
	t.Helper()
	f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, at, at); err != nil {
		t.Fatal(err)
	}
}

func TestServeRebuilds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "book")
	copyDir(t, fixture, dir)
	r := &rebuilder{opts: site.Options{Dir: dir}, log: io.Discard}
	if err := r.build(); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(r)
	defer srv.Close()

	if code, body := get(t, srv.URL+"/"); code != 200 || !strings.Contains(body, "Welcome to the") {
		t.Fatalf("GET / = %d", code)
	}
	chapter := filepath.Join(dir, "src", "threads.md")
	appendAndTouch(t, chapter, "\nAdded while serving.\n", time.Now().Add(time.Hour))
	if _, body := get(t, srv.URL+"/threads.html"); !strings.Contains(body, "Added while serving.") {
		t.Error("the page was not rebuilt after its source changed")
	}
	appendAndTouch(t, chapter, "\n[broken](nowhere.md)\n", time.Now().Add(2*time.Hour))
	if code, body := get(t, srv.URL+"/threads.html"); code != 500 || !strings.Contains(body, `broken link "nowhere.html"`) {
		t.Errorf("a failed rebuild gave %d:\n%s", code, body)
	}
	// Assets are served without rebuilding.
	if code, _ := get(t, srv.URL+"/theme/book.css"); code != 200 {
		t.Errorf("GET /theme/book.css = %d", code)
	}
}
