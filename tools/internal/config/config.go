// Package config reads an mdBook configuration file (book.toml, or
// mdbook.toml in this project) strictly: every key must be one that mdBook
// documents, and tables for plugins this renderer cannot run are rejected.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// Config is the whole configuration of a book. Paths in it are as written in
// the file; use the methods of Config to get absolute paths.
type Config struct {
	// Book holds the [book] table.
	Book Book `toml:"book"`
	// Build holds the [build] table.
	Build Build `toml:"build"`
	// Rust holds the [rust] table, which only matters for Rust code blocks.
	Rust Rust `toml:"rust"`
	// Output holds the [output] tables; only [output.html] is supported.
	Output Output `toml:"output"`
	// Preprocessor holds the [preprocessor.NAME] tables. Only the built-in
	// "links" and "index" preprocessors may be named.
	Preprocessor map[string]map[string]any `toml:"preprocessor"`
	// Snapshots holds the [[snapshot]] tables, this renderer's own (mdBook
	// keeps top-level tables it does not know for plugins, and ignores
	// them): directories of code that each build on the one before, in
	// order. A listing of a file in one of them marks the lines that the
	// previous one's copy of the file does not have, and each snapshot
	// after the first gets a page showing its diff.
	Snapshots []Snapshot `toml:"snapshot"`

	// Root is the absolute path of the book root: the directory that holds
	// the configuration file. It is not read from the file.
	Root string `toml:"-"`
	// File is the absolute path of the configuration file that was read.
	File string `toml:"-"`
}

// Book is the [book] table.
type Book struct {
	// Title is the book's title, shown in the menu bar and page titles.
	Title string `toml:"title"`
	// Authors lists the book's authors; it goes into a meta tag.
	Authors []string `toml:"authors"`
	// Description goes into the description meta tag of every page.
	Description string `toml:"description"`
	// Src is the source directory holding SUMMARY.md, relative to the root.
	Src string `toml:"src"`
	// Language is the book's language code, used as the html lang attribute.
	Language string `toml:"language"`
	// TextDirection is "ltr" or "rtl"; empty means derived from Language.
	TextDirection string `toml:"text-direction"`
}

// Build is the [build] table.
type Build struct {
	// BuildDir is the output directory, relative to the root. It is emptied
	// before every build.
	BuildDir string `toml:"build-dir"`
	// CreateMissing makes chapters listed in SUMMARY.md but absent on disk
	// be created as a file holding only a heading. When false a missing
	// chapter file is an error.
	CreateMissing bool `toml:"create-missing"`
	// UseDefaultPreprocessors turns the built-in "links" (include
	// expansion) and "index" (README.md to index.html) steps on.
	UseDefaultPreprocessors bool `toml:"use-default-preprocessors"`
	// ExtraWatchDirs lists directories outside Src whose changes trigger a
	// rebuild when serving.
	ExtraWatchDirs []string `toml:"extra-watch-dirs"`
}

// Snapshot is one [[snapshot]] table.
type Snapshot struct {
	// Dir is the snapshot's directory, relative to the book root.
	Dir string `toml:"dir"`
	// Title names the snapshot in the diff page's title, "What changed
	// in TITLE"; empty means "chapter NN" from the digits that start the
	// directory's name, or else the directory itself.
	Title string `toml:"title"`
	// DiffPage, when false, writes no diff page for this snapshot, and
	// its listings mark new lines only in files that the previous
	// snapshot also has. Absent means true.
	DiffPage *bool `toml:"diff-page"`
	// Unmarked lists patterns (path.Match, against a file's path in the
	// snapshot, such as "output.txt" or "*/*.txt") of files whose
	// listings get no new-line marks: recorded output, say, where lines
	// "new since the previous snapshot" come from another program's run
	// and mean nothing. They still show in the diff page.
	Unmarked []string `toml:"unmarked"`
	// Page, when set, is the chapter (its path in the book's source
	// directory, "final-javascript.md") whose page links to the diff
	// page; absent means the first chapter, in reading order, with a
	// listing of one of the snapshot's files.
	Page string `toml:"page"`
}

// Marks reports whether listings of the file at rel (a slash-separated
// path inside the snapshot's directory) mark new lines.
func (s Snapshot) Marks(rel string) bool {
	for _, p := range s.Unmarked {
		if ok, _ := path.Match(p, rel); ok {
			return false
		}
	}
	return true
}

// HasDiffPage reports whether the snapshot gets a diff page.
func (s Snapshot) HasDiffPage() bool { return s.DiffPage == nil || *s.DiffPage }

// Name is how the snapshot is named in titles: Title, or "chapter NN"
// from the leading digits of the directory's name, or the directory.
func (s Snapshot) Name() string {
	if s.Title != "" {
		return s.Title
	}
	base := filepath.Base(filepath.FromSlash(s.Dir))
	n := 0
	for n < len(base) && base[n] >= '0' && base[n] <= '9' {
		n++
	}
	if n > 0 {
		return "chapter " + base[:n]
	}
	return s.Dir
}

// Rust is the [rust] table. It is accepted for compatibility and ignored.
type Rust struct {
	// Edition is the Rust edition used for Rust code blocks.
	Edition string `toml:"edition"`
}

// Output is the [output] table.
type Output struct {
	// HTML is the [output.html] table.
	HTML HTML `toml:"html"`
}

// DefaultFileNames lists the configuration file names tried, in order, when
// no file is named explicitly.
var DefaultFileNames = []string{"mdbook.toml", "book.toml"}

// Default returns the configuration mdBook uses when a key is absent.
func Default() *Config {
	return &Config{
		Book: Book{Src: "src", Language: "en"},
		Build: Build{
			BuildDir:                "book",
			CreateMissing:           true,
			UseDefaultPreprocessors: true,
		},
		Output: Output{HTML: defaultHTML()},
	}
}

// Find returns the configuration file to use for the book in dir: file
// itself when it is not empty (relative names are taken relative to dir),
// otherwise the first of DefaultFileNames that exists in dir.
func Find(dir, file string) (string, error) {
	if file != "" {
		if !filepath.IsAbs(file) {
			file = filepath.Join(dir, file)
		}
		return file, nil
	}
	for _, name := range DefaultFileNames {
		p := filepath.Join(dir, name)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no %s in %s", strings.Join(DefaultFileNames, " or "), dir)
}

// Load reads and validates the configuration file at path. The book root is
// the directory holding the file.
func Load(path string) (*Config, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(abs)
	if err != nil {
		return nil, err
	}
	cfg, err := Parse(data, filepath.Base(abs))
	if err != nil {
		return nil, err
	}
	cfg.File = abs
	cfg.Root = filepath.Dir(abs)
	return cfg, nil
}

// Parse decodes configuration text. name is used in error messages. Unknown
// keys, unsupported plugin tables and invalid values are errors. The Root
// and File fields of the result are left empty.
func Parse(data []byte, name string) (*Config, error) {
	var raw map[string]any
	if err := toml.Unmarshal(data, &raw); err != nil {
		return nil, tomlError(name, err)
	}
	if err := checkPlugins(raw, name); err != nil {
		return nil, err
	}
	cfg := Default()
	dec := toml.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(cfg); err != nil {
		return nil, tomlError(name, err)
	}
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return cfg, nil
}

// checkPlugins rejects [output.X] tables other than html and
// [preprocessor.X] tables other than the built-in ones, which this renderer
// cannot run.
func checkPlugins(raw map[string]any, name string) error {
	var problems []string
	if out, ok := raw["output"].(map[string]any); ok {
		for _, k := range sortedKeys(out) {
			if k != "html" {
				problems = append(problems, fmt.Sprintf("[output.%s] is not supported by this renderer (only [output.html] is)", k))
			}
		}
	}
	if pre, ok := raw["preprocessor"].(map[string]any); ok {
		for _, k := range sortedKeys(pre) {
			table, _ := pre[k].(map[string]any)
			switch {
			case k != "links" && k != "index":
				problems = append(problems, fmt.Sprintf("[preprocessor.%s] is not supported by this renderer (only the built-in links and index are)", k))
			case table["command"] != nil:
				problems = append(problems, fmt.Sprintf("[preprocessor.%s] with a command is not supported by this renderer", k))
			}
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s: %s", name, strings.Join(problems, "; "))
	}
	return nil
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// tomlError turns go-toml errors into "file:line:col: message" form.
func tomlError(name string, err error) error {
	var strict *toml.StrictMissingError
	if errors.As(err, &strict) {
		var msgs []string
		for i := range strict.Errors {
			e := &strict.Errors[i]
			row, col := e.Position()
			msgs = append(msgs, fmt.Sprintf("%s:%d:%d: unknown key %q", name, row, col, strings.Join(e.Key(), ".")))
		}
		return errors.New(strings.Join(msgs, "\n"))
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, col := de.Position()
		return fmt.Errorf("%s:%d:%d: %s", name, row, col, strings.TrimPrefix(de.Error(), "toml: "))
	}
	return fmt.Errorf("%s: %w", name, err)
}

// rtlLanguages lists language codes written right to left; mdBook derives
// the default text direction from the language the same way.
var rtlLanguages = map[string]bool{
	"ar": true, "arc": true, "dv": true, "fa": true, "ha": true, "he": true,
	"khw": true, "ks": true, "ku": true, "ps": true, "ur": true, "yi": true,
}

// Direction returns the text direction of the book, "ltr" or "rtl".
func (c *Config) Direction() string {
	if c.Book.TextDirection != "" {
		return c.Book.TextDirection
	}
	lang := strings.ToLower(c.Book.Language)
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	if rtlLanguages[lang] {
		return "rtl"
	}
	return "ltr"
}

// SrcDir returns the absolute source directory.
func (c *Config) SrcDir() string { return c.abs(c.Book.Src) }

// BuildDir returns the absolute build directory.
func (c *Config) BuildDir() string { return c.abs(c.Build.BuildDir) }

// WatchDirs returns the absolute directories whose changes should trigger a
// rebuild: the source directory and the extra watch directories.
func (c *Config) WatchDirs() []string {
	dirs := []string{c.SrcDir()}
	for _, d := range c.Build.ExtraWatchDirs {
		dirs = append(dirs, c.abs(d))
	}
	return dirs
}

func (c *Config) abs(p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(c.Root, p)
}

func (c *Config) validate() error {
	if strings.TrimSpace(c.Book.Src) == "" {
		return errors.New("book.src must not be empty")
	}
	if strings.TrimSpace(c.Build.BuildDir) == "" {
		return errors.New("build.build-dir must not be empty")
	}
	seen := map[string]bool{}
	for _, s := range c.Snapshots {
		d := filepath.ToSlash(filepath.Clean(s.Dir))
		if err := checkLocalPath(s.Dir); err != nil || d == "." {
			return fmt.Errorf("snapshot: dir %q must be a directory inside the book root", s.Dir)
		}
		if seen[d] {
			return fmt.Errorf("snapshot: dir %q is listed twice", s.Dir)
		}
		for _, p := range s.Unmarked {
			if _, err := path.Match(p, ""); err != nil {
				return fmt.Errorf("snapshot %q: unmarked pattern %q: %v", s.Dir, p, err)
			}
		}
		seen[d] = true
	}
	switch c.Book.TextDirection {
	case "", "ltr", "rtl":
	default:
		return fmt.Errorf("book.text-direction is %q, want \"ltr\" or \"rtl\"", c.Book.TextDirection)
	}
	return c.Output.HTML.validate()
}
