package trace

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestParseTrace(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []Record
		wantErr string
	}{
		{
			name: "thread lines",
			in:   "Thread: main\t hello world\nThread: pool0\t received a task  \n",
			want: []Record{{1, "main", "hello world"}, {2, "pool0", "received a task"}},
		},
		{
			name: "empty message",
			in:   "Thread: main\t \n",
			want: []Record{{1, "main", ""}},
		},
		{
			name: "tab inside the message is kept",
			in:   "Thread: main\t a\tb\n",
			want: []Record{{1, "main", "a\tb"}},
		},
		{
			name: "content block with blank lines around and inside",
			in: "Thread: main\t before\n\n" +
				"===== THREAD main START CONTENT - FILE READ =====\n" +
				"first\n\nthird   \n" +
				"===== END CONTENT =====\n\n" +
				"Thread: epoll\t after\n",
			want: []Record{
				{1, "main", "before"},
				{3, "main", "===== THREAD main START CONTENT - FILE READ =====\nfirst\n\nthird\n===== END CONTENT ====="},
				{9, "epoll", "after"},
			},
		},
		{
			name: "CRLF line endings",
			in:   "Thread: main\t one\r\n\r\n===== THREAD pool1 START CONTENT - X =====\r\nbody\r\n===== END CONTENT =====\r\n",
			want: []Record{{1, "main", "one"}, {3, "pool1", "===== THREAD pool1 START CONTENT - X =====\nbody\n===== END CONTENT ====="}},
		},
		{
			name: "no final newline",
			in:   "Thread: main\t one",
			want: []Record{{1, "main", "one"}},
		},
		{name: "empty", in: "\n\n", want: nil},
		{
			name:    "space instead of tab",
			in:      "Thread: main\t ok\nThread: main  First call\n",
			wantErr: `line 2: malformed thread line`,
		},
		{
			name:    "tab without space",
			in:      "Thread: main\tFirst call\n",
			wantErr: `line 1: malformed thread line`,
		},
		{
			name:    "empty thread name",
			in:      "Thread: \t hi\n",
			wantErr: `line 1: malformed thread line`,
		},
		{
			name:    "stray line",
			in:      "Thread: main\t ok\n\nsomething else\n",
			wantErr: `line 3: not a trace line: "something else"`,
		},
		{
			name:    "unterminated block",
			in:      "Thread: main\t ok\n===== THREAD main START CONTENT - FILE READ =====\nbody\n\n",
			wantErr: `line 2: content block is never closed`,
		},
		{
			name:    "end line without a block",
			in:      "===== END CONTENT =====\n",
			wantErr: `line 1: not a trace line`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseTrace(strings.NewReader(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseTrace error = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseTrace =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestRecordString(t *testing.T) {
	for _, r := range []Record{
		{1, "main", "hello"},
		{1, "main", "===== THREAD main START CONTENT - X =====\nbody\n===== END CONTENT ====="},
	} {
		recs, err := ParseTrace(strings.NewReader(r.String()))
		if err != nil || len(recs) != 1 || recs[0] != r {
			t.Errorf("ParseTrace(%q) = %v, %v; want the record back", r.String(), recs, err)
		}
	}
}

// TestDocExample checks that the example in the package documentation is
// the spec that the tests use.
func TestDocExample(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	spec, err := os.ReadFile("testdata/example.spec")
	if err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	for _, l := range strings.SplitAfter(strings.TrimSpace(string(spec)), "\n") {
		if strings.TrimSpace(l) == "" {
			want.WriteString("//\n")
		} else {
			want.WriteString("//\t" + l)
		}
	}
	if !strings.Contains(string(doc), want.String()) {
		t.Errorf("doc.go does not contain testdata/example.spec as an indented block:\n%s", want.String())
	}
}
