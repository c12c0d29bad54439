package trace

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
)

// An Option changes what Check looks at or how hard it tries.
type Option func(*config)

type config struct {
	threads       []string // nil means all threads
	maxBacktracks int
}

// OnlyThreads makes Check look only at the records printed by the named
// threads and at the entries whose THREAD can name one of them. Orders
// between the remaining entries still hold when they came from a chain
// through entries of other threads: "a < p < b" with p on another thread
// still requires a before b.
func OnlyThreads(names ...string) Option {
	return func(c *config) { c.threads = append(c.threads, names...) }
}

// MaxBacktracks sets how many times Check may take back a choice before
// it gives up; the default is one million.
func MaxBacktracks(n int) Option {
	return func(c *config) { c.maxBacktracks = n }
}

// CheckText checks the output trace against the spec text spec.
func CheckText(spec, trace string, opts ...Option) error {
	s, err := ParseSpec(strings.NewReader(spec))
	if err != nil {
		return err
	}
	recs, err := ParseTrace(strings.NewReader(trace))
	if err != nil {
		return err
	}
	return s.Check(recs, opts...)
}

// CheckFiles checks the output in the file tracePath against the spec in
// the file specPath. Errors start with the name of the file at fault.
func CheckFiles(specPath, tracePath string, opts ...Option) error {
	f, err := os.Open(specPath)
	if err != nil {
		return err
	}
	defer f.Close()
	s, err := ParseSpec(f)
	if err != nil {
		return fmt.Errorf("%s: %w", specPath, err)
	}
	g, err := os.Open(tracePath)
	if err != nil {
		return err
	}
	defer g.Close()
	recs, err := ParseTrace(g)
	if err == nil {
		err = s.Check(recs, opts...)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", tracePath, err)
	}
	return nil
}

// Check reports whether records satisfy the spec: whether each record can
// be paired with an entry that matches it, such that every entry printed
// once gets exactly one record, placeholders with the same name get the
// same value, and every rule holds. If not, the error describes the
// furthest point in the output that the search reached.
func (s *Spec) Check(records []Record, opts ...Option) error {
	cfg := config{maxBacktracks: 1_000_000}
	for _, o := range opts {
		o(&cfg)
	}
	c := newChecker(s, records, cfg)
	if c.solve(0) {
		return nil
	}
	return c.report()
}

// newChecker prepares the search: it keeps the entries and records of the
// threads being checked, and turns the rules into lists per entry.
func newChecker(s *Spec, records []Record, cfg config) *checker {
	c := &checker{
		max:     cfg.maxBacktracks,
		first:   -1,
		last:    -1,
		vars:    map[string]string{},
		boundAt: map[string]int{},
		best:    failure{pos: -1},
	}
	kept := map[int]int{} // spec entry index -> index in c.ents
	for i, e := range s.entries {
		if cfg.threads == nil || slices.ContainsFunc(cfg.threads, func(t string) bool { return newMatcher().match(e.threadP, t) }) {
			kept[i] = len(c.ents)
			c.ents = append(c.ents, e)
		}
	}
	for _, r := range records {
		if cfg.threads == nil || slices.Contains(cfg.threads, r.Thread) {
			c.recs = append(c.recs, r)
			c.subj = append(c.subj, subject(r.Thread, r.Text))
		}
	}

	// s.before already holds the orders that go through entries of other
	// threads, so dropping those entries loses no order between the others.
	c.pred = make([][]int, len(c.ents))
	c.succ = make([][]int, len(c.ents))
	for i, ki := range kept {
		for j, kj := range kept {
			if s.before[i][j] {
				c.succ[ki] = append(c.succ[ki], kj)
				c.pred[kj] = append(c.pred[kj], ki)
			}
		}
	}
	for k := range c.ents {
		slices.Sort(c.pred[k]) // so that messages do not depend on map order
		slices.Sort(c.succ[k])
	}
	if k, ok := kept[s.first]; ok {
		c.first = k
	}
	if k, ok := kept[s.last]; ok {
		c.last = k
	}
	for _, r := range s.increasing {
		if k, ok := kept[r.entry]; ok {
			c.counts = append(c.counts, counter{entry: k, name: r.name})
		}
	}
	c.at = make([]int, len(c.ents))
	c.count = make([]int, len(c.ents))
	return c
}

// A checker searches for a way to pair records with entries. It goes
// through the records in order, tries each entry that could take the
// current record, and takes the choice back when the rest cannot be
// paired.
type checker struct {
	ents       []*entry
	recs       []Record
	subj       []string // subject of each record
	pred, succ [][]int  // entries that must come before / after each entry
	first      int      // entry that must be first, or -1
	last       int      // entry that must be last, or -1
	counts     []counter

	// The search state.
	at      []int             // record of each entry's first match
	count   []int             // number of records each entry has matched
	vars    map[string]string // global placeholder values
	boundAt map[string]int    // record that bound each global placeholder

	backtracks, max int
	best            failure // the furthest failure seen
}

// A counter tracks an increasing rule: the last value seen so far.
type counter struct {
	entry int
	name  string
	last  int
}

// A failure says why record pos could not be paired, or, with pos past
// the last record, which entries were never printed. The rank tells which
// of several reasons for the same record is the most telling: 0 means no
// entry resembles the record (and msg is empty), 1 that the entries it
// resembles are used up, 2 that pairing it would break a rule or disagree
// with a placeholder's value.
type failure struct {
	pos, rank int
	msg       string
}

// fail notes a failure if it is the furthest yet.
func (c *checker) fail(pos, rank int, msg string) {
	if pos > c.best.pos || pos == c.best.pos && rank > c.best.rank {
		c.best = failure{pos, rank, msg}
	}
}

// solve pairs records i, i+1, ... with entries and reports whether it
// succeeded.
func (c *checker) solve(i int) bool {
	if i == len(c.recs) {
		return c.allPrinted()
	}
	resembled := false
	for k, e := range c.ents {
		if c.backtracks > c.max {
			return false
		}
		fresh := newMatcher()
		if !fresh.match(e.full, c.subj[i]) {
			continue
		}
		resembled = true
		if !e.repeat && c.count[k] > 0 {
			c.fail(i, 1, fmt.Sprintf("matches no remaining spec entry (%q already matched line %d)", e.label, c.recs[c.at[k]].Line))
			continue
		}
		if msg := c.broken(k, i, fresh.vars); msg != "" {
			c.fail(i, 2, msg)
			continue
		}
		m := fresh // a repeatable entry's placeholders are its own
		if !e.repeat {
			m = &matcher{vars: c.vars}
			if !m.match(e.full, c.subj[i]) {
				c.fail(i, 2, c.conflict(e, fresh))
				continue
			}
		}
		c.assign(k, i, m.added, +1)
		if c.solve(i + 1) {
			return true
		}
		c.assign(k, i, m.added, -1)
		c.backtracks++
	}
	if !resembled {
		c.fail(i, 0, "")
	}
	return false
}

// assign pairs entry k with record i (dir +1) or takes that back (dir -1).
// added lists the global placeholders the pairing bound.
func (c *checker) assign(k, i int, added []string, dir int) {
	c.count[k] += dir
	if c.count[k] == 1 && dir > 0 {
		c.at[k] = i
	}
	for _, name := range added {
		if dir > 0 {
			c.boundAt[name] = i
		} else {
			delete(c.vars, name)
			delete(c.boundAt, name)
		}
	}
	for j := range c.counts {
		if c.counts[j].entry == k {
			c.counts[j].last += dir
		}
	}
}

// broken returns why pairing entry k with record i breaks a rule, or "".
// vars holds the entry's placeholder values for this record.
func (c *checker) broken(k, i int, vars map[string]string) string {
	e := c.ents[k]
	for _, p := range c.pred[k] {
		if c.count[p] == 0 && !c.ents[p].repeat {
			return fmt.Sprintf("entry %q must come after %q, which has not been printed yet", e.label, c.ents[p].label)
		}
	}
	for _, q := range c.succ[k] {
		if c.count[q] > 0 {
			return fmt.Sprintf("entry %q must come before %q, which was printed at line %d", e.label, c.ents[q].label, c.recs[c.at[q]].Line)
		}
	}
	switch {
	case k == c.first && i != 0:
		return fmt.Sprintf("entry %q must be first", e.label)
	case c.first >= 0 && k != c.first && i == 0:
		return fmt.Sprintf("entry %q cannot be first: %q must be first", e.label, c.ents[c.first].label)
	case k == c.last && i != len(c.recs)-1:
		return fmt.Sprintf("entry %q must be last", e.label)
	case c.last >= 0 && k != c.last && i == len(c.recs)-1:
		return fmt.Sprintf("entry %q cannot be last: %q must be last", e.label, c.ents[c.last].label)
	}
	for _, r := range c.counts {
		if r.entry != k {
			continue
		}
		switch n, err := strconv.Atoi(vars[r.name]); {
		case err != nil:
			return fmt.Sprintf("entry %q: {%s} is %q, not a number", e.label, r.name, vars[r.name])
		case n != r.last+1 && r.last == 0:
			return fmt.Sprintf("entry %q: {%s} must count 1, 2, 3, ...: got %d first", e.label, r.name, n)
		case n != r.last+1:
			return fmt.Sprintf("entry %q: {%s} must count 1, 2, 3, ...: got %d after %d", e.label, r.name, n, r.last)
		}
	}
	return ""
}

// conflict explains why entry e, which matched with the placeholder
// values in fresh, does not match with the global values.
func (c *checker) conflict(e *entry, fresh *matcher) string {
	for _, name := range fresh.added {
		if v, ok := c.vars[name]; ok && v != fresh.vars[name] {
			return fmt.Sprintf("entry %q would need {%s} = %q, but line %d set {%s} = %q",
				e.label, name, fresh.vars[name], c.recs[c.boundAt[name]].Line, name, v)
		}
	}
	return fmt.Sprintf("entry %q does not fit the placeholder values bound so far", e.label)
}

// allPrinted reports whether every entry that must be printed was.
func (c *checker) allPrinted() bool {
	var missing []string
	for k, e := range c.ents {
		if !e.repeat && c.count[k] == 0 {
			missing = append(missing, fmt.Sprintf("%q (line %d of spec)", e.label, e.line))
		}
	}
	switch len(missing) {
	case 0:
		return true
	case 1:
		c.fail(len(c.recs), 0, "spec entry "+missing[0]+" was never printed")
	default:
		c.fail(len(c.recs), 0, "spec entries "+strings.Join(missing, ", ")+" were never printed")
	}
	return false
}

// report turns the furthest failure into an error.
func (c *checker) report() error {
	f := c.best
	msg := f.msg
	if f.pos >= 0 && f.pos < len(c.recs) {
		r := c.recs[f.pos]
		if msg == "" {
			msg = "matches no spec entry" + c.closest(r)
		}
		msg = fmt.Sprintf("line %d %q: %s", r.Line, r.firstLine(), msg)
	}
	if c.backtracks > c.max {
		msg = fmt.Sprintf("gave up after %d backtracks; the furthest failure: %s", c.max, msg)
	}
	return errors.New(msg)
}

// closest describes the entry that comes nearest to matching r: one
// whose text matches but whose thread does not, or else the one on r's
// thread whose text shares the longest start with r's.
func (c *checker) closest(r Record) string {
	best, bestLen := (*entry)(nil), 0
	for _, e := range c.ents {
		if newMatcher().match(e.textP, r.Text) {
			return fmt.Sprintf("; the text fits entry %q (line %d of spec), but that is printed by thread %s", e.label, e.line, e.thread)
		}
		if !newMatcher().match(e.threadP, r.Thread) {
			continue
		}
		n := 0
		for n < len(e.text) && n < len(r.Text) && e.text[n] == r.Text[n] {
			n++
		}
		if n > bestLen {
			best, bestLen = e, n
		}
	}
	if best == nil {
		return ""
	}
	// Show the first line that differs.
	j := strings.Count(best.text[:bestLen], "\n")
	want := strings.Split(best.text, "\n")[j]
	got := ""
	if lines := strings.Split(r.Text, "\n"); j < len(lines) {
		got = lines[j]
	}
	if !strings.Contains(best.text, "\n") {
		return fmt.Sprintf("; nearest is entry %q (line %d of spec): %q", best.label, best.line, want)
	}
	return fmt.Sprintf("; nearest is entry %q, whose line %d (spec line %d) is %q where the output has %q", best.label, j+1, best.line+j, want, got)
}
