package trace

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
)

// A Spec describes what a program's output must look like: the lines it
// prints and the orders between them that the runtime guarantees.
// The package documentation describes the format.
type Spec struct {
	entries []*entry
	// before[i][j] says entry i must be printed before entry j. It holds
	// every order the rules state, and those that follow from them.
	before      [][]bool
	first, last int // index of the entry that must be first or last, or -1
	increasing  []increasing
}

// An entry is one spec line, with its continuation lines if any.
type entry struct {
	label   string  // without the '*'
	repeat  bool    // label ended in '*': matches any number of records
	thread  string  // THREAD as written
	text    string  // TEXT as written; continuation lines joined with "\n"
	line    int     // spec line number
	threadP pattern // THREAD compiled
	textP   pattern // TEXT compiled
	full    pattern // matches thread + "\n" + text; see subject
}

// subject is the string an entry's full pattern is matched against.
func subject(thread, text string) string { return thread + "\n" + text }

// An increasing rule: the values of placeholder name in the records that
// entry matches count 1, 2, 3, ...
type increasing struct {
	entry int
	name  string
}

// A rule is kept as written until all entries are known.
type rule struct {
	line int
	verb string
	args [][]string // order: the groups; otherwise one group of arguments
}

// ParseSpec reads a spec. Every error names the spec line at fault.
func ParseSpec(r io.Reader) (*Spec, error) {
	s := &Spec{first: -1, last: -1}
	labels := map[string]int{} // label -> entry index
	var rules []rule
	var cur *entry // entry that continuation lines extend
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		n++
		errorf := func(format string, args ...any) error {
			return fmt.Errorf("spec line %d: %s", n, fmt.Sprintf(format, args...))
		}
		line := strings.TrimLeft(trimRight(sc.Text()), " \t")
		switch first, rest := cutField(line); {
		case line == "" || line[0] == '#':
			cur = nil
		case line[0] == '|':
			if cur == nil {
				return nil, errorf("continuation line ('|') must follow an entry or another continuation line")
			}
			text := strings.TrimPrefix(line[1:], " ")
			p, err := compile(text)
			if err != nil {
				return nil, errorf("%v", err)
			}
			cur.text += "\n" + text
			cur.textP = append(append(cur.textP, segment{literal, "\n"}), p...)
		case isVerb(first):
			cur = nil
			r, err := parseRule(first, rest)
			if err != nil {
				return nil, errorf("%v", err)
			}
			r.line = n
			rules = append(rules, r)
		default:
			e, err := parseEntry(first, rest)
			if err != nil {
				return nil, errorf("%v", err)
			}
			if _, dup := labels[e.label]; dup {
				return nil, errorf("duplicate label %q (first used on spec line %d)", e.label, s.entries[labels[e.label]].line)
			}
			e.line = n
			labels[e.label] = len(s.entries)
			s.entries = append(s.entries, e)
			cur = e
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("spec line %d: %v", n+1, err)
	}
	for _, e := range s.entries {
		e.full = slices.Concat(e.threadP, pattern{{literal, "\n"}}, e.textP)
	}
	if err := s.addRules(rules, labels); err != nil {
		return nil, err
	}
	return s, nil
}

// cutField splits off the first white-space separated field of s.
func cutField(s string) (field, rest string) {
	s = strings.TrimLeft(s, " \t")
	i := strings.IndexAny(s, " \t")
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimLeft(s[i:], " \t")
}

// ruleUsage gives the arguments of each kind of rule.
var ruleUsage = map[string]string{
	"order":      "A < B ...",
	"sequence":   "THREAD",
	"first":      "LABEL",
	"last":       "LABEL",
	"increasing": "LABEL NAME",
}

func isVerb(s string) bool { _, ok := ruleUsage[s]; return ok }

func parseEntry(label, rest string) (*entry, error) {
	thread, text := cutField(rest)
	if text == "" {
		return nil, fmt.Errorf("an entry needs three fields: LABEL THREAD TEXT")
	}
	e := &entry{thread: thread, text: text}
	e.label, e.repeat = strings.CutSuffix(label, "*")
	if !validLabel(e.label) {
		return nil, fmt.Errorf("bad label %q: use letters, digits, '.', '_' and '-', and a final '*' for a repeatable entry", label)
	}
	var err error
	if e.threadP, err = compile(thread); err != nil {
		return nil, fmt.Errorf("in THREAD: %v", err)
	}
	if e.textP, err = compile(text); err != nil {
		return nil, err
	}
	return e, nil
}

func validLabel(s string) bool {
	return s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == ""
}

// parseRule parses the arguments of a rule; labels are checked later.
func parseRule(verb, rest string) (rule, error) {
	rest, _, _ = strings.Cut(rest, "#")
	r := rule{verb: verb}
	if verb != "order" {
		args := strings.Fields(rest)
		if len(args) != len(strings.Fields(ruleUsage[verb])) {
			return r, fmt.Errorf("want %q", verb+" "+ruleUsage[verb])
		}
		r.args = [][]string{args}
		return r, nil
	}
	for _, part := range strings.Split(rest, "<") {
		part = strings.TrimSpace(part)
		group := strings.Fields(part)
		if inner, ok := strings.CutPrefix(part, "{"); ok {
			inner, ok = strings.CutSuffix(inner, "}")
			if !ok {
				return r, fmt.Errorf("group %q is missing its '}'", part)
			}
			group = strings.Fields(inner)
		}
		if len(group) == 0 || !strings.HasPrefix(part, "{") && len(group) > 1 {
			return r, fmt.Errorf("want \"order A < B ...\" where each of A, B, ... is a label or a group {L1 L2 ...}")
		}
		r.args = append(r.args, group)
	}
	if len(r.args) < 2 {
		return r, fmt.Errorf("an order needs at least two sides: \"order A < B\"")
	}
	return r, nil
}

// addRules resolves the labels in rules and records what they say.
func (s *Spec) addRules(rules []rule, labels map[string]int) error {
	n := len(s.entries)
	s.before = make([][]bool, n)
	for i := range s.before {
		s.before[i] = make([]bool, n)
	}
	for _, r := range rules {
		errorf := func(format string, args ...any) error {
			return fmt.Errorf("spec line %d: %s", r.line, fmt.Sprintf(format, args...))
		}
		var err error
		resolve := func(label string) int {
			// A trailing '*' may be written or left out.
			i, ok := labels[strings.TrimSuffix(label, "*")]
			if !ok && err == nil {
				err = errorf("unknown label %q", label)
			}
			return i
		}
		args := r.args[0]
		switch r.verb {
		case "order":
			groups := make([][]int, len(r.args))
			for k, group := range r.args {
				for _, l := range group {
					groups[k] = append(groups[k], resolve(l))
				}
			}
			if err != nil {
				return err
			}
			for k := 1; k < len(groups); k++ {
				for _, a := range groups[k-1] {
					for _, b := range groups[k] {
						s.before[a][b] = true
					}
				}
			}
		case "sequence":
			prev := -1
			for i, e := range s.entries {
				if e.thread == args[0] && !e.repeat {
					if prev >= 0 {
						s.before[prev][i] = true
					}
					prev = i
				}
			}
			if prev < 0 {
				return errorf("no entry has THREAD %q", args[0])
			}
		case "first", "last":
			i := resolve(args[0])
			if err != nil {
				return err
			}
			if s.entries[i].repeat {
				return errorf("%s needs an entry that is printed once, but %q is repeatable", r.verb, s.entries[i].label)
			}
			p := &s.first
			if r.verb == "last" {
				p = &s.last
			}
			if *p >= 0 {
				return errorf("there is already a %q rule", r.verb)
			}
			*p = i
		case "increasing":
			i, name := resolve(args[0]), args[1]
			if err != nil {
				return err
			}
			e := s.entries[i]
			if !e.repeat {
				return errorf("increasing needs a repeatable entry, but %q is printed once", e.label)
			}
			if name == "_" || !slices.ContainsFunc(e.full, func(g segment) bool { return g.kind != literal && g.text == name }) {
				return errorf("entry %q has no placeholder {%s}", e.label, name)
			}
			s.increasing = append(s.increasing, increasing{i, name})
		}
	}
	return s.closeOrders()
}

// closeOrders adds the orders that follow from the stated ones: if a comes
// before b and b before c, then a comes before c. This only goes through
// entries printed exactly once: a repeatable b may not be printed at all.
func (s *Spec) closeOrders() error {
	for k, e := range s.entries {
		if e.repeat {
			continue
		}
		for i := range s.entries {
			if !s.before[i][k] {
				continue
			}
			for j := range s.entries {
				if s.before[k][j] {
					s.before[i][j] = true
				}
			}
		}
	}
	for i, e := range s.entries {
		if s.before[i][i] {
			return fmt.Errorf("spec line %d: the order rules make entry %q come before itself", e.line, e.label)
		}
	}
	return nil
}
