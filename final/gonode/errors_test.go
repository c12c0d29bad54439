package gonode_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// badScripts are scripts with a mistake in them, what gonode must print
// on stderr for each (the report's lines, in order, as regular
// expressions; FILE is the script's path), and the exit status. Node's
// run of the same script must exit the same way, and where Node's
// headline (the line that names the error) is ours, the test says so.
var badScripts = []struct {
	name, src string
	want      []string
	code      int
	sameHead  bool // Node's headline is the same line
}{
	{"syntax-error", "'use strict';\nlet x = ;\n",
		[]string{`^FILE:2$`, `^let x = ;$`, `^        \^$`, `^SyntaxError: Unexpected token`}, 1, false},
	{"top-level-throw", "'use strict';\nconsole.log('before');\nthrow new Error('at the top');\n",
		[]string{`^FILE:3$`, `^throw new Error\('at the top'\);$`, `^Error: at the top$`, `^    at .*FILE:3:\d+\)?$`}, 1, true},
	{"unknown-module", "'use strict';\nconst x = require('leftpad');\n",
		[]string{`^Error: Cannot find module 'leftpad'$`, `^Require stack:$`, `^- FILE$`,
			`^gonode has these modules: .*crypto, .*fs, .*http, .*net`, `^  code: 'MODULE_NOT_FOUND'$`}, 1, true},
	{"timeout-not-a-function", "'use strict';\nsetTimeout('console.log(1)', 10);\n",
		[]string{`^FILE:2$`, `^TypeError \[ERR_INVALID_ARG_TYPE\]: The "callback" argument must be of type function\. Received type string \('console\.log\(1\)'\)$`,
			`^  code: 'ERR_INVALID_ARG_TYPE'$`}, 1, true},
	{"unhandled-rejection", "'use strict';\nsetTimeout(() => console.log('never'), 50);\nPromise.reject(new Error('nobody waits for me'));\n",
		[]string{`^FILE:3$`, `^Promise\.reject\(new Error\('nobody waits for me'\)\);$`, `^               \^$`, `^Error: nobody waits for me$`, `^    at .*FILE:3:16\)?$`}, 1, true},
	{"unhandled-rejection-not-an-error", "'use strict';\nPromise.reject(42);\n",
		[]string{`^UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with \.catch\(\)\. The promise rejected with the reason "42"\.`,
			`^  code: 'ERR_UNHANDLED_REJECTION'$`}, 1, true},
	{"uncaught-handler-throws", "'use strict';\nprocess.on('uncaughtException', () => { throw new Error('in the handler'); });\nsetTimeout(() => { throw new Error('first'); }, 1);\n",
		[]string{`^FILE:2$`, `^Error: in the handler$`}, 7, true},
}

// goStack matches what a Go panic or stack trace would show.
var goStack = regexp.MustCompile(`goroutine \d+|panic\(|\.go:\d+|runtime\.`)

// TestBadScripts runs each bad script on gonode and checks Node's shape
// of report: where (file:line, the line, a caret), the error's headline
// and stack frames, the exit status; and that no Go stack shows. With
// node on PATH, it checks that node exits with the same status and,
// where the headline is Node's own, prints the same headline.
func TestBadScripts(t *testing.T) {
	bin := gonodeBin(t)
	node, nodeErr := exec.LookPath("node")
	dir := t.TempDir()
	for _, bs := range badScripts {
		t.Run(bs.name, func(t *testing.T) {
			file := filepath.Join(dir, bs.name+".js")
			if err := os.WriteFile(file, []byte(bs.src), 0o666); err != nil {
				t.Fatal(err)
			}
			g := run(t, dir, nil, bin, file)
			if g.Code != bs.code {
				t.Errorf("exit status %d, want %d; stderr:\n%s", g.Code, bs.code, g.Stderr)
			}
			if goStack.MatchString(g.Stderr) {
				t.Errorf("stderr shows Go's internals:\n%s", g.Stderr)
			}
			ls := strings.Split(g.Stderr, "\n")
			i := 0
			for _, w := range bs.want {
				re := regexp.MustCompile(strings.ReplaceAll(w, "FILE", regexp.QuoteMeta(file)))
				for i < len(ls) && !re.MatchString(ls[i]) {
					i++
				}
				if i == len(ls) {
					t.Fatalf("stderr has no line %s (after the ones before it):\n%s", re, g.Stderr)
				}
			}
			if nodeErr != nil || os.Getenv("WINEPREFIX") != "" {
				return
			}
			js := run(t, dir, nil, node, file)
			if js.Code != g.Code {
				t.Errorf("node exits %d, gonode %d", js.Code, g.Code)
			}
			if bs.sameHead && headline(js.Stderr) != headline(g.Stderr) {
				t.Errorf("node's headline\n\t%s\ngonode's\n\t%s", headline(js.Stderr), headline(g.Stderr))
			}
		})
	}
}

// headline is the first line of a report that names an error.
func headline(stderr string) string {
	for _, l := range strings.Split(stderr, "\n") {
		if regexp.MustCompile(`^[A-Za-z]*(Error|Rejection)\b`).MatchString(l) {
			return l
		}
	}
	return ""
}
