package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// full uses every key this renderer accepts, with non-default values.
const full = `
[book]
title = "Threads in Go"
authors = ["A", "B"]
description = "About threads."
src = "book"
language = "en"
text-direction = "ltr"

[rust]
edition = "2021"

[build]
build-dir = "public"
create-missing = false
use-default-preprocessors = true
extra-watch-dirs = ["chapters", "final"]

[preprocessor.links]

[output.html]
theme = ""
default-theme = "rust"
preferred-dark-theme = "ayu"
smart-punctuation = false
definition-lists = false
admonitions = false
mathjax-support = false
additional-css = ["extra.css"]
additional-js = ["extra.js"]
no-section-label = true
git-repository-url = "https://example.com/repo"
git-repository-icon = "fab-github"
edit-url-template = "https://example.com/edit/{path}"
site-url = "/book/"
cname = "book.example.com"
input-404 = "missing.md"
hash-files = false
sidebar-header-nav = false

[output.html.print]
enable = false
page-break = false

[output.html.fold]
enable = false
level = 1

[output.html.playground]
editable = false
copyable = false
copy-js = false
line-numbers = false
runnable = false

[output.html.code]
hidelines = {}

[output.html.search]
enable = true
limit-results = 10
teaser-word-count = 12
use-boolean-and = true
boost-title = 3
boost-hierarchy = 2
boost-paragraph = 1
expand = false
heading-split-level = 2
copy-js = true

[output.html.search.chapter]
"drafts/" = { enable = false }

[output.html.redirect]
"/old.html" = "new.html"
`

func TestParseFull(t *testing.T) {
	c, err := Parse([]byte(full), "book.toml")
	if err != nil {
		t.Fatal(err)
	}
	if c.Book.Title != "Threads in Go" || c.Book.Src != "book" || c.Build.BuildDir != "public" {
		t.Errorf("book/build = %+v %+v", c.Book, c.Build)
	}
	if c.Build.CreateMissing || len(c.Build.ExtraWatchDirs) != 2 {
		t.Errorf("build = %+v", c.Build)
	}
	h := c.Output.HTML
	if h.DefaultDark() || h.SmartPunctuation || !h.NoSectionLabel || h.Print.Enable || h.Playground.Copyable {
		t.Errorf("html = %+v", h)
	}
	if h.Search.LimitResults != 10 || h.Search.Expand || h.Search.Chapter["drafts/"].Enable {
		t.Errorf("search = %+v", h.Search)
	}
	if h.Redirect["/old.html"] != "new.html" {
		t.Errorf("redirect = %v", h.Redirect)
	}
}

func TestDefaults(t *testing.T) {
	c, err := Parse([]byte("[book]\ntitle = \"x\"\n"), "book.toml")
	if err != nil {
		t.Fatal(err)
	}
	h := c.Output.HTML
	switch {
	case c.Book.Src != "src", c.Build.BuildDir != "book", !c.Build.CreateMissing, !c.Build.UseDefaultPreprocessors:
		t.Errorf("defaults: %+v %+v", c.Book, c.Build)
	case !h.SmartPunctuation, !h.Print.Enable, !h.Playground.Copyable, !h.Search.Enable, h.Search.LimitResults != 30:
		t.Errorf("html defaults: %+v", h)
	case c.Direction() != "ltr":
		t.Errorf("direction = %q", c.Direction())
	}
	if len(h.Ignored()) != 0 {
		t.Errorf("Ignored() = %v for defaults", h.Ignored())
	}
}

func TestRejects(t *testing.T) {
	tests := []struct {
		name, toml, want string
	}{
		{"unknown book key", "[book]\ntitle = \"x\"\nsubtitle = \"y\"\n", `book.toml:3:1: unknown key "book.subtitle"`},
		{"unknown top table", "[unknown]\nx = 1\n", `unknown key "unknown`},
		{"unknown build key", "[build]\nbuild_dir = \"public\"\n", `unknown key "build.build_dir"`},
		{"unknown html key", "[output.html]\ncurly-quotes = true\n", `unknown key "output.html.curly-quotes"`},
		{"unknown search key", "[output.html.search]\nfuzzy = true\n", `unknown key "output.html.search.fuzzy"`},
		{"unknown print key", "[output.html.print]\nenabled = true\n", `unknown key "output.html.print.enabled"`},
		{"other output", "[output.markdown]\n", "[output.markdown] is not supported by this renderer"},
		{"plugin preprocessor", "[preprocessor.toc]\ncommand = \"mdbook-toc\"\n", "[preprocessor.toc] is not supported by this renderer"},
		{"links with command", "[preprocessor.links]\ncommand = \"x\"\n", "with a command is not supported"},
		{"bad theme", "[output.html]\ndefault-theme = \"solarized\"\n", "default-theme"},
		{"mathjax", "[output.html]\nmathjax-support = true\n", "mathjax-support"},
		{"bad direction", "[book]\ntext-direction = \"up\"\n", "text-direction"},
		{"wrong type", "[book]\nauthors = \"one\"\n", "book.toml:2"},
		{"syntax", "[book\n", "book.toml:1"},
		{"css outside root", "[output.html]\nadditional-css = [\"../x.css\"]\n", "inside the book root"},
		{"empty src", "[book]\nsrc = \"\"\n", "book.src"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.toml), "book.toml")
			if err == nil {
				t.Fatalf("Parse accepted:\n%s", tt.toml)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}
}

func TestIgnored(t *testing.T) {
	c, err := Parse([]byte("[output.html]\ntheme = \"theme\"\n[output.html.code]\nhidelines = { go = \"~\" }\n"), "book.toml")
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(c.Output.HTML.Ignored(), ",")
	if got != "output.html.theme,output.html.code.hidelines" {
		t.Errorf("Ignored() = %s", got)
	}
}

func TestLoadAndFind(t *testing.T) {
	dir := t.TempDir()
	if _, err := Find(dir, ""); err == nil {
		t.Error("Find succeeded in an empty directory")
	}
	p := filepath.Join(dir, "book.toml")
	if err := os.WriteFile(p, []byte("[book]\nsrc = \"book\"\nlanguage = \"he\"\n[build]\nbuild-dir = \"public\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	found, err := Find(dir, "")
	if err != nil || found != p {
		t.Fatalf("Find = %q, %v", found, err)
	}
	c, err := Load(found)
	if err != nil {
		t.Fatal(err)
	}
	if c.Root != dir || c.SrcDir() != filepath.Join(dir, "book") || c.BuildDir() != filepath.Join(dir, "public") {
		t.Errorf("paths: root %s src %s build %s", c.Root, c.SrcDir(), c.BuildDir())
	}
	if c.Direction() != "rtl" {
		t.Errorf("Hebrew book direction = %s", c.Direction())
	}
	if got, _ := Find(dir, "other.toml"); got != filepath.Join(dir, "other.toml") {
		t.Errorf("Find with a name = %s", got)
	}
}
