package trace

import (
	"strings"
	"testing"
)

func TestParseSpecErrors(t *testing.T) {
	tests := []struct {
		name, spec, wantErr string
	}{
		{"unknown label in order", "a main x\norder a < b\n", `spec line 2: unknown label "b"`},
		{"unknown label in group", "a main x\nb main y\n\norder a < {b c}\n", `spec line 4: unknown label "c"`},
		{"unknown label in first", "a main x\nfirst z\n", `spec line 2: unknown label "z"`},
		{"unknown label in increasing", "a* main x {n}\nincreasing b n\n", `spec line 2: unknown label "b"`},
		{"duplicate label", "a main x\n# comment\na main y\n", `spec line 3: duplicate label "a" (first used on spec line 1)`},
		{"duplicate label, one repeatable", "a main x\na* main y\n", `spec line 2: duplicate label "a"`},
		{"placeholder with a space", "a main got {a b}\n", `spec line 1: bad placeholder "{a b}"`},
		{"empty placeholder", "a main got {}\n", `spec line 1: bad placeholder "{}"`},
		{"placeholder starting with a digit", "a main got {1x}\n", `spec line 1: bad placeholder "{1x}"`},
		{"unclosed placeholder", "a main got {x\n", `spec line 1: unclosed placeholder "{x"`},
		{"unmatched brace", "a main got x}\n", `spec line 1: unmatched '}'`},
		{"bad placeholder in thread", "a pool{ x\n", `spec line 1: in THREAD: unclosed placeholder`},
		{"bad placeholder in continuation", "a main x\n  | ok\n  | {bad-name}\n", `spec line 3: bad placeholder "{bad-name}"`},
		{"continuation first", "| text\n", `spec line 1: continuation line ('|') must follow an entry`},
		{"continuation after a blank line", "a main x\n\n  | text\n", `spec line 3: continuation line`},
		{"continuation after a rule", "a main x\nfirst a\n| text\n", `spec line 3: continuation line`},
		{"entry without text", "a main x\nb main\n", `spec line 2: an entry needs three fields`},
		{"bad label", "a,b main x\n", `spec line 1: bad label "a,b"`},
		{"order with one side", "a main x\norder a\n", `spec line 2: an order needs at least two sides`},
		{"order with two labels on one side", "a main x\nb main y\norder a b < c\n", `spec line 3: want "order A < B ..."`},
		{"order with an unclosed group", "a main x\norder {a < a\n", `spec line 2: group "{a" is missing its '}'`},
		{"order with an empty group", "a main x\norder a < {}\n", `spec line 2: want "order A < B ..."`},
		{"order cycle", "a main x\nb main y\norder a < b\norder b < a\n", `spec line 1: the order rules make entry "a" come before itself`},
		{"sequence of an unknown thread", "a main x\nsequence pool0\n", `spec line 2: no entry has THREAD "pool0"`},
		{"sequence without thread", "a main x\nsequence\n", `spec line 2: want "sequence THREAD"`},
		{"first with two labels", "a main x\nfirst a a\n", `spec line 2: want "first LABEL"`},
		{"first on a repeatable entry", "a* main x\nfirst a\n", `spec line 2: first needs an entry that is printed once`},
		{"two last rules", "a main x\nb main y\nlast a\nlast b\n", `spec line 4: there is already a "last" rule`},
		{"increasing on a single entry", "a main x {n}\nincreasing a n\n", `spec line 2: increasing needs a repeatable entry`},
		{"increasing without the placeholder", "a* main x {n}\nincreasing a m\n", `spec line 2: entry "a" has no placeholder {m}`},
		{"increasing on the anonymous placeholder", "a* main x {_}\nincreasing a _\n", `spec line 2: entry "a" has no placeholder {_}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseSpec(strings.NewReader(tt.spec))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("ParseSpec error = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

// TestSpecNotation checks details of the notation that the package
// documentation promises.
func TestSpecNotation(t *testing.T) {
	tests := []struct {
		name, spec, trace string
	}{
		{
			name:  "rules may come before the entries and carry comments",
			spec:  "first a   # a comes first\norder a < b\na main A\nb main B\n",
			trace: "Thread: main\t A\nThread: main\t B\n",
		},
		{
			name:  "'#' in an entry's text is text",
			spec:  "a main count # 1\n",
			trace: "Thread: main\t count # 1\n",
		},
		{
			name:  "fields may be separated by tabs",
			spec:  "a\tmain\t\tone  two\n",
			trace: "Thread: main\t one  two\n",
		},
		{
			name:  "rules may name a repeatable entry with its '*'",
			spec:  "t* main tick {n}\nincreasing t* n\n",
			trace: "Thread: main\t tick 1\nThread: main\t tick 2\n",
		},
		{
			name: "a bare '|' is an empty line of a block",
			spec: "b main ===== THREAD main START CONTENT - X =====\n" +
				"    |\n    |   indented\n    | ===== END CONTENT =====\n",
			trace: "===== THREAD main START CONTENT - X =====\n\n  indented\n===== END CONTENT =====\n",
		},
		{
			name:  "sequence ignores repeatable entries and other threads",
			spec:  "a main A\nt* main T\np pool0 P\nb main B\nsequence main\n",
			trace: "Thread: main\t T\nThread: pool0\t P\nThread: main\t A\nThread: main\t T\nThread: main\t B\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := CheckText(tt.spec, tt.trace); err != nil {
				t.Fatal(err)
			}
		})
	}
}
