package trace

import (
	"fmt"
	"strings"
)

// A pattern is a compiled THREAD or TEXT field: a list of literal text
// and placeholders.
type pattern []segment

type segKind int

const (
	literal segKind = iota // text must appear as is
	word                   // {name}: one or more characters, no space or tab
	anyText                // {name...}: any text on one line, possibly empty
)

// A segment is one piece of a pattern. For a placeholder, text is its
// name; "_" names the anonymous placeholder, which binds nothing.
type segment struct {
	kind segKind
	text string
}

// compile turns one line of spec text into a pattern.
// "{{" and "}}" stand for literal braces.
func compile(s string) (pattern, error) {
	var p pattern
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			p = append(p, segment{literal, lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case (c == '{' || c == '}') && i+1 < len(s) && s[i+1] == c:
			lit.WriteByte(c)
			i++
		case c == '}':
			return nil, fmt.Errorf("unmatched '}' (write '}}' for a literal brace)")
		case c == '{':
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				return nil, fmt.Errorf("unclosed placeholder %q (write '{{' for a literal brace)", s[i:])
			}
			name, kind := s[i+1:i+end], word
			if n, ok := strings.CutSuffix(name, "..."); ok {
				name, kind = n, anyText
			}
			if !validName(name) {
				return nil, fmt.Errorf("bad placeholder %q: want {name} or {name...} with a name of letters, digits and '_'", s[i:i+end+1])
			}
			flush()
			p = append(p, segment{kind, name})
			i += end
		default:
			lit.WriteByte(c)
		}
	}
	flush()
	return p, nil
}

func validName(name string) bool {
	for i, c := range name {
		if !(c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && '0' <= c && c <= '9') {
			return false
		}
	}
	return name != ""
}

// A matcher matches patterns against text. Placeholders that vars already
// binds must match their value; the others are bound in vars, and their
// names are appended to added.
type matcher struct {
	vars  map[string]string
	added []string
}

func newMatcher() *matcher { return &matcher{vars: map[string]string{}} }

// match reports whether all of s matches p. When a placeholder could take
// several values, the shortest one that lets the rest match is chosen.
// On failure, vars is left as it was.
func (m *matcher) match(p pattern, s string) bool {
	if len(p) == 0 {
		return s == ""
	}
	g, rest := p[0], p[1:]
	if g.kind == literal {
		return strings.HasPrefix(s, g.text) && m.match(rest, s[len(g.text):])
	}
	if v, ok := m.vars[g.text]; ok {
		return strings.HasPrefix(s, v) && m.match(rest, s[len(v):])
	}
	for n := 0; n <= len(s); n++ {
		if n > 0 && !allowed(g.kind, s[n-1]) {
			break
		}
		if n == 0 && g.kind == word {
			continue
		}
		if g.text == "_" {
			if m.match(rest, s[n:]) {
				return true
			}
			continue
		}
		m.vars[g.text] = s[:n]
		if m.match(rest, s[n:]) {
			m.added = append(m.added, g.text)
			return true
		}
		delete(m.vars, g.text)
	}
	return false
}

// allowed reports whether a placeholder of the given kind may contain c.
// No placeholder reaches past the end of a line.
func allowed(kind segKind, c byte) bool {
	return c != '\n' && (kind == anyText || c != ' ' && c != '\t')
}
