package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/nodeexperiment/gonode/tools/internal/site"
)

// rebuilder builds the book and rebuilds it when a page is requested after
// any watched file changed.
type rebuilder struct {
	opts    site.Options
	log     io.Writer
	mu      sync.RWMutex // held for writing while building
	built   time.Time    // modification time of the newest source at the last build
	watched []string
	out     string
	lastErr error
}

func (r *rebuilder) build() error {
	res, err := site.Build(r.opts)
	if res != nil {
		warn(r.log, res.Book)
	}
	if err != nil {
		return err
	}
	cfg := res.Book.Config
	r.out = res.OutDir
	r.watched = append([]string{cfg.File}, cfg.WatchDirs()...)
	r.built = newest(r.watched)
	fmt.Fprintf(r.log, "mdbook: built %d pages into %s\n", res.Pages, res.OutDir)
	return nil
}

// newest returns the latest modification time of the files under paths.
func newest(paths []string) time.Time {
	var t time.Time
	for _, p := range paths {
		_ = filepath.WalkDir(p, func(_ string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if info, err := d.Info(); err == nil && info.ModTime().After(t) {
				t = info.ModTime()
			}
			return nil
		})
	}
	return t
}

// refresh rebuilds if a watched file is newer than the last build. It
// returns the error of the latest build, if it failed.
func (r *rebuilder) refresh() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !newest(r.watched).After(r.built) {
		return r.lastErr // unchanged: keep showing the last result
	}
	fmt.Fprintln(r.log, "mdbook: sources changed, rebuilding")
	r.lastErr = r.build()
	if r.lastErr != nil {
		fmt.Fprintf(r.log, "mdbook: %v\n", r.lastErr)
		// Retry only once something changes again.
		r.built = newest(r.watched)
	}
	return r.lastErr
}

// ServeHTTP rebuilds the book first when an HTML page is asked for and a
// source changed, then serves the file from the build directory.
func (r *rebuilder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	p := req.URL.Path
	if p == "/" || strings.HasSuffix(p, ".html") {
		if err := r.refresh(); err != nil {
			http.Error(w, "The book failed to build:\n\n"+err.Error(), http.StatusInternalServerError)
			return
		}
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	http.FileServer(http.Dir(r.out)).ServeHTTP(w, req)
}

func serve(flags *commonFlags, stdout, stderr io.Writer) error {
	r := &rebuilder{opts: flags.options(), log: stderr}
	if err := r.build(); err != nil {
		return err
	}
	addr := net.JoinHostPort(flags.host, strconv.Itoa(flags.port))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: r, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	fmt.Fprintf(stdout, "mdbook: serving http://%s/ (Ctrl-C to stop)\n", addr)
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
