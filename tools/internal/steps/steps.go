// Package steps cuts the book's Going-further steps from final/ by the step
// markers in its files; cmd/steps writes them, and the book's tools read
// final/ through Final, which leaves the markers out.
package steps

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"go/format"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// This file: the step list, the markers, and how one step's files are cut
// from final/.

// Module is the tutorial module's path: imports of final/'s packages are
// rewritten to the step's own copies.
const Module = "github.com/nodeexperiment/gonode"

// ManifestPath is the step list, relative to the repository root.
const ManifestPath = "steps/steps.txt"

// Step is one line of the step list.
type Step struct {
	Name string   // what markers call it: "timers"
	Dir  string   // its folder from the root, "steps/08-timers"; "final" for the last
	Page string   // the book page that builds it, from the root
	Adds []string // what it adds from final/: files or folders, relative to final/
}

// Manifest is the step list, in order.
type Manifest struct {
	Steps []Step
}

// ReadManifest parses the step list at root/ManifestPath. Each line that
// is not blank or a # comment is: name, folder, page, then the paths it
// adds. The last step's folder must be final: it is final/ itself.
func ReadManifest(root string) (*Manifest, error) {
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(ManifestPath)))
	if err != nil {
		return nil, err
	}
	return ParseManifest(string(data))
}

// ParseManifest parses a step list's text.
func ParseManifest(text string) (*Manifest, error) {
	m := &Manifest{}
	seen := map[string]bool{}
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 3 {
			return nil, fmt.Errorf("%s:%d: want a name, a folder and a page, got %q", ManifestPath, n+1, line)
		}
		if seen[f[0]] {
			return nil, fmt.Errorf("%s:%d: step %q listed twice", ManifestPath, n+1, f[0])
		}
		seen[f[0]] = true
		m.Steps = append(m.Steps, Step{Name: f[0], Dir: f[1], Page: f[2], Adds: f[3:]})
	}
	if len(m.Steps) == 0 {
		return nil, fmt.Errorf("%s: no step", ManifestPath)
	}
	if last := m.Steps[len(m.Steps)-1]; last.Dir != "final" {
		return nil, fmt.Errorf("%s: the last step's folder is %q; it must be final, which it is by construction", ManifestPath, last.Dir)
	}
	for _, s := range m.Steps[:len(m.Steps)-1] {
		if !strings.HasPrefix(s.Dir, "steps/") {
			return nil, fmt.Errorf("%s: step %q: folder %q is not under steps/", ManifestPath, s.Name, s.Dir)
		}
	}
	return m, nil
}

// Index returns the position of the step called name, or -1.
func (m *Manifest) Index(name string) int {
	return slices.IndexFunc(m.Steps, func(s Step) bool { return s.Name == name })
}

// recorded reports whether a file is a recorded run, output*.txt or
// node-output*.txt (output-one-thread.txt: a run with other settings): a
// step's own run writes it (make golden REFRESH=1 for output.txt and
// node-output.txt), so it is never copied from final/.
func recorded(rel string) bool {
	base := path.Base(rel)
	return path.Ext(base) == ".txt" && (strings.HasPrefix(base, "output") || strings.HasPrefix(base, "node-output"))
}

// owns reports whether the file at rel (relative to final/) is under a
// path that step i itself adds: a recorded run is kept only in the step
// whose page introduces its example (later steps' copies would be runs
// that no page shows, and would only blur diff -r of two steps).
func (m *Manifest) owns(i int, rel string) bool {
	for _, a := range m.Steps[i].Adds {
		if rel == a || strings.HasPrefix(rel, a+"/") {
			return true
		}
	}
	return false
}

// Sources returns the files of final/ (paths relative to it, slash
// separated, sorted) that step i may hold: those under the paths that
// steps 0..i add. Whether each is in the step is up to its markers.
func (m *Manifest) Sources(root string, i int) ([]string, error) {
	var out []string
	for _, s := range m.Steps[:i+1] {
		for _, a := range s.Adds {
			full := filepath.Join(root, "final", filepath.FromSlash(a))
			st, err := os.Stat(full)
			if err != nil {
				return nil, fmt.Errorf("step %s adds %s: %w", s.Name, a, err)
			}
			if !st.IsDir() {
				out = append(out, a)
				continue
			}
			err = filepath.WalkDir(full, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				rel, _ := filepath.Rel(filepath.Join(root, "final"), p)
				out = append(out, filepath.ToSlash(rel))
				return nil
			})
			if err != nil {
				return nil, err
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// marker is one marker line: //step:KIND NAME (or #step: in files that
// comment with #), or a trailing //step:NAME at the end of a line.
type marker struct {
	kind string // "file", "begin", "before", "end"
	name string
}

// parseMarker reports whether line is a whole-line marker, and which.
func parseMarker(line string) (marker, bool, error) {
	t := strings.TrimSpace(line)
	var rest string
	switch {
	case strings.HasPrefix(t, "//step:"):
		rest = t[len("//step:"):]
	case strings.HasPrefix(t, "#step:"):
		rest = t[len("#step:"):]
	default:
		return marker{}, false, nil
	}
	f := strings.Fields(rest)
	if len(f) != 2 {
		return marker{}, true, fmt.Errorf("marker %q: want step:KIND NAME", t)
	}
	switch f[0] {
	case "file", "begin", "before", "end":
		return marker{kind: f[0], name: f[1]}, true, nil
	}
	return marker{}, true, fmt.Errorf("marker %q: kind %q is none of file, begin, before, end", t, f[0])
}

// trailing splits a line that ends in a trailing marker, " //step:NAME",
// into the code and the step's name.
func trailing(line string) (code, name string, ok bool) {
	i := strings.LastIndex(line, "//step:")
	if i <= 0 || strings.TrimSpace(line[:i]) == "" {
		return line, "", false
	}
	name = strings.TrimSpace(line[i+len("//step:"):])
	if name == "" || strings.ContainsAny(name, " \t") {
		return line, "", false
	}
	return strings.TrimRight(line[:i], " \t"), name, true
}

// uncomment turns one line of a before-block back into code: the first
// "//" (or "#") after the indentation goes, with one space after it.
func uncomment(line, lead string) (string, error) {
	trimmed := strings.TrimLeft(line, " \t")
	if trimmed == "" {
		return line, nil
	}
	if !strings.HasPrefix(trimmed, lead) {
		return "", fmt.Errorf("line %q in a before-block is not commented out with %q", line, lead)
	}
	indent := line[:len(line)-len(trimmed)]
	body := strings.TrimPrefix(trimmed, lead)
	body = strings.TrimPrefix(body, " ")
	return indent + body, nil
}

// Cut returns the lines of a file of final/ as they are in step i, and
// whether the file is in step i at all. name is the file's path (for
// errors and for choosing the comment token).
func (m *Manifest) Cut(name string, data []byte, i int) ([]byte, bool, error) {
	lead := "//"
	switch path.Ext(name) {
	case ".spec", ".txt", ".txtar", ".sh", ".toml", ".yaml", ".yml":
		lead = "#"
	}
	type block struct {
		m    marker
		line int
	}
	var stack []block
	var out bytes.Buffer
	keepFile := true
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	n := 0
	in := func(step string) (int, error) {
		j := m.Index(step)
		if j < 0 {
			return 0, fmt.Errorf("%s:%d: no step is called %q (see %s)", name, n, step, ManifestPath)
		}
		return j, nil
	}
	for sc.Scan() {
		n++
		line := sc.Text()
		mk, isMarker, err := parseMarker(line)
		if err != nil {
			return nil, false, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		if isMarker {
			j, err := in(mk.name)
			if err != nil {
				return nil, false, err
			}
			switch mk.kind {
			case "file":
				if j > i {
					keepFile = false
				}
			case "begin", "before":
				if mk.kind == "before" && len(stack) > 0 && stack[len(stack)-1].m.kind == "before" {
					return nil, false, fmt.Errorf("%s:%d: a before-block inside a before-block", name, n)
				}
				stack = append(stack, block{mk, n})
			case "end":
				if len(stack) == 0 {
					return nil, false, fmt.Errorf("%s:%d: step:end %s closes no block", name, n, mk.name)
				}
				top := stack[len(stack)-1]
				if top.m.name != mk.name {
					return nil, false, fmt.Errorf("%s:%d: step:end %s closes the block step:%s %s of line %d", name, n, mk.name, top.m.kind, top.m.name, top.line)
				}
				stack = stack[:len(stack)-1]
			}
			continue
		}
		keep := true
		inBefore := false
		for _, b := range stack {
			j, _ := in(b.m.name)
			switch b.m.kind {
			case "begin":
				keep = keep && j <= i
			case "before":
				keep = keep && i < j
				inBefore = true
			}
		}
		if code, step, ok := trailing(line); ok {
			j, err := in(step)
			if err != nil {
				return nil, false, err
			}
			keep = keep && j <= i
			line = code
		}
		if !keep {
			continue
		}
		if inBefore {
			if line, err = uncomment(line, lead); err != nil {
				return nil, false, fmt.Errorf("%s:%d: %w", name, n, err)
			}
		}
		out.WriteString(line)
		out.WriteByte('\n')
	}
	if err := sc.Err(); err != nil {
		return nil, false, fmt.Errorf("%s: %w", name, err)
	}
	if len(stack) > 0 {
		top := stack[len(stack)-1]
		return nil, false, fmt.Errorf("%s:%d: step:%s %s is never ended", name, top.line, top.m.kind, top.m.name)
	}
	if !keepFile {
		return nil, false, nil
	}
	b := out.Bytes()
	if len(data) > 0 && data[len(data)-1] != '\n' && len(b) > 0 {
		b = b[:len(b)-1] // the file ends without a newline; so does its cut
	}
	return b, true, nil
}

// Generate returns step i's files (paths relative to its folder), cut
// from root/final: markers gone; in Go files, imports and ./final/ paths
// pointing at the step, imports the step's code does not use dropped, and
// gofmt'd; other files only cut. Recorded runs are not among them.
func (m *Manifest) Generate(root string, i int) (map[string][]byte, error) {
	if i == len(m.Steps)-1 {
		return nil, errors.New("the last step is final/ itself; nothing to generate")
	}
	srcs, err := m.Sources(root, i)
	if err != nil {
		return nil, err
	}
	dir := m.Steps[i].Dir
	files := map[string][]byte{}
	for _, rel := range srcs {
		if recorded(rel) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(root, "final", filepath.FromSlash(rel)))
		if err != nil {
			return nil, err
		}
		cut, ok, err := m.Cut("final/"+rel, data, i)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		if strings.HasSuffix(rel, ".go") {
			cut = bytes.ReplaceAll(cut, []byte(Module+"/final/"), []byte(Module+"/"+dir+"/"))
			cut = bytes.ReplaceAll(cut, []byte("./final/"), []byte("./"+dir+"/"))
			f, err := dropUnusedImports(cut)
			if err == nil {
				f, err = format.Source(f)
			}
			if err != nil {
				return nil, fmt.Errorf("step %s: final/%s does not format once cut: %w", m.Steps[i].Name, rel, err)
			}
			cut = f
		}
		files[rel] = cut
	}
	return files, nil
}

// Diff compares step i's generated files with its folder under root and
// returns one line per difference (nil when in sync). Recorded runs are
// the step's own and are only required to exist beside a trace.spec.
func (m *Manifest) Diff(root string, i int) ([]string, error) {
	want, err := m.Generate(root, i)
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(root, filepath.FromSlash(m.Steps[i].Dir))
	var diffs []string
	have := map[string]bool{}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		have[rel] = true
		if recorded(rel) {
			if !m.owns(i, rel) {
				diffs = append(diffs, fmt.Sprintf("%s/%s: a recorded run of an earlier step's example (make steps removes it)", m.Steps[i].Dir, rel))
			}
			return nil
		}
		w, ok := want[rel]
		if !ok {
			diffs = append(diffs, fmt.Sprintf("%s/%s: not in the step (cut from final/, it would not be there)", m.Steps[i].Dir, rel))
			return nil
		}
		got, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if !bytes.Equal(got, w) {
			diffs = append(diffs, fmt.Sprintf("%s/%s: differs from final/%s cut for this step", m.Steps[i].Dir, rel, rel))
		}
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	for rel := range want {
		if !have[rel] {
			diffs = append(diffs, fmt.Sprintf("%s/%s: missing", m.Steps[i].Dir, rel))
		}
		if path.Base(rel) == "trace.spec" && m.owns(i, rel) && !have[path.Join(path.Dir(rel), "output.txt")] {
			diffs = append(diffs, fmt.Sprintf("%s/%s: no recorded run beside it (make golden REFRESH=1)", m.Steps[i].Dir, path.Join(path.Dir(rel), "output.txt")))
		}
	}
	slices.Sort(diffs)
	return diffs, nil
}

// Write makes step i's folder under root hold exactly its generated files
// and the recorded runs it already has of the examples it adds.
func (m *Manifest) Write(root string, i int) error {
	want, err := m.Generate(root, i)
	if err != nil {
		return err
	}
	dir := filepath.Join(root, filepath.FromSlash(m.Steps[i].Dir))
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if _, ok := want[rel]; !ok && (!recorded(rel) || !m.owns(i, rel)) {
			return os.Remove(p)
		}
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	for rel, data := range want {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
			return err
		}
		if old, err := os.ReadFile(p); err == nil && bytes.Equal(old, data) {
			continue
		}
		if err := os.WriteFile(p, data, 0o666); err != nil {
			return err
		}
	}
	return removeEmptyDirs(dir)
}

// removeEmptyDirs removes the folders under dir that hold no file.
func removeEmptyDirs(dir string) error {
	var dirs []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && p != dir {
			dirs = append(dirs, p)
		}
		return err
	})
	if err != nil {
		return err
	}
	for k := len(dirs) - 1; k >= 0; k-- {
		if ents, err := os.ReadDir(dirs[k]); err == nil && len(ents) == 0 {
			if err := os.Remove(dirs[k]); err != nil {
				return err
			}
		}
	}
	return nil
}

// Final returns a file of final/ as the book shows it and as the last
// step is: without marker lines, without the commented-out code of
// before-blocks, and without trailing markers. Data without a marker is
// returned as it is.
func Final(data []byte) []byte {
	if !bytes.Contains(data, []byte("step:")) {
		return data
	}
	var out bytes.Buffer
	depth := 0 // inside how many before-blocks (they do not nest; 0 or 1)
	var stack []string
	// A marker line (or a before-block) between two blank lines leaves
	// them side by side; gofmt, which formats every step, keeps one, and
	// so does Final.
	lastBlank, cut := false, false
	for _, line := range strings.SplitAfter(string(data), "\n") {
		mk, isMarker, err := parseMarker(strings.TrimRight(line, "\r\n"))
		if isMarker && err == nil {
			cut = true
			switch mk.kind {
			case "begin", "before":
				stack = append(stack, mk.kind)
				if mk.kind == "before" {
					depth++
				}
			case "end":
				if n := len(stack); n > 0 {
					if stack[n-1] == "before" {
						depth--
					}
					stack = stack[:n-1]
				}
			}
			continue
		}
		if depth > 0 {
			continue
		}
		body := strings.TrimRight(line, "\r\n")
		blank := line != "" && strings.TrimSpace(body) == ""
		if blank && lastBlank && cut {
			continue
		}
		lastBlank, cut = blank, false
		if code, _, ok := trailing(body); ok {
			line = code + line[len(body):]
		}
		out.WriteString(line)
	}
	return out.Bytes()
}

// StripTree rewrites every file under dir as Final gives it: the tree as
// the book shows it, for make diff, which works on a copy. Files without
// a marker are left untouched.
func StripTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if out := Final(data); !bytes.Equal(out, data) {
			return os.WriteFile(p, out, 0o666)
		}
		return nil
	})
}
