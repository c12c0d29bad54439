package steps

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path"
	"strconv"
	"strings"
)

// dropUnusedImports removes from a Go file's source the imports that no
// code of the file uses, as goimports would: a step that leaves out a
// later step's code often leaves out the only use of an import, and the
// markers need not follow every one. Blank and dot imports stay. The
// name an import is used by is its explicit name, or the last element of
// its path before a major version (math/rand/v2 is rand); a package named
// otherwise must be imported with a name.
func dropUnusedImports(src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	used := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				used[id.Name] = true
			}
		}
		return true
	})
	drop := map[int]bool{} // lines to drop, 1-based
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		name := path.Base(p)
		if len(name) > 1 && name[0] == 'v' && strings.Trim(name[1:], "0123456789") == "" && path.Dir(p) != "." {
			name = path.Base(path.Dir(p)) // math/rand/v2 is package rand
		}
		if imp.Name != nil {
			name = imp.Name.Name
		}
		if name == "_" || name == "." || used[name] {
			continue
		}
		start, end := fset.Position(imp.Pos()).Line, fset.Position(imp.End()).Line
		for l := start; l <= end; l++ {
			drop[l] = true
		}
	}
	if len(drop) == 0 {
		return src, nil
	}
	lines := strings.SplitAfter(string(src), "\n")
	var b strings.Builder
	for i, l := range lines {
		if !drop[i+1] {
			b.WriteString(l)
		}
	}
	return []byte(b.String()), nil
}
