package site

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// within reports whether p is dir or inside it. Both must be clean and
// absolute.
func within(p, dir string) bool {
	if p == dir {
		return true
	}
	if !strings.HasSuffix(dir, string(filepath.Separator)) {
		dir += string(filepath.Separator)
	}
	return strings.HasPrefix(p, dir)
}

// resolve makes p absolute and follows symbolic links in the longest
// existing prefix of it, so that comparisons see real locations.
func resolve(p string) string {
	p, _ = filepath.Abs(p)
	rest := ""
	for cur := p; ; cur = filepath.Dir(cur) {
		if real, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(real, rest)
		}
		if filepath.Dir(cur) == cur {
			return p
		}
		rest = filepath.Join(filepath.Base(cur), rest)
	}
}

// checkOutDir refuses output directories whose emptying would destroy the
// book: the source directory or anything inside it, the book root, or any
// directory that contains them.
func checkOutDir(out, root, src string) error {
	out, root, src = resolve(out), resolve(root), resolve(src)
	switch {
	case within(out, src):
		return fmt.Errorf("build directory %s is the source directory %s or inside it; it is emptied before every build, so choose another [build] build-dir such as \"public\"", out, src)
	case within(src, out) || within(root, out):
		return fmt.Errorf("build directory %s contains the book's sources; it is emptied before every build, so choose another [build] build-dir such as \"public\"", out)
	}
	return nil
}

// emptyDir creates dir, or removes everything inside it.
func emptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return err
		}
	}
	return nil
}

// writeFile writes data to the slash path rel inside dir, creating
// directories as needed.
func writeFile(dir, rel string, data []byte) error {
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}
