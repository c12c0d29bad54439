// Package theme holds the renderer's HTML template, style sheet, scripts
// and icon, embedded in the binary so that a build needs no other files
// and pages load nothing from the network.
package theme

import (
	"embed"
	"html/template"
	"io/fs"
)

//go:embed templates/page.html templates/diff.html
var templates embed.FS

//go:embed static
var static embed.FS

// Page is the template of every HTML page. It is executed with a value
// whose fields are listed at the top of templates/page.html.
var Page = template.Must(template.ParseFS(templates, "templates/page.html"))

// Diff is the template of the body of a "What changed" page, which Page
// then wraps. Its fields are listed at the top of templates/diff.html.
var Diff = template.Must(template.ParseFS(templates, "templates/diff.html"))

// Static returns the files copied verbatim into every build, with paths
// as they appear in the output directory (such as "theme/book.css").
func Static() fs.FS {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic(err) // the embedded directory always exists
	}
	return sub
}
