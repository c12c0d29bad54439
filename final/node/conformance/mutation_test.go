package conformance

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// mutation is a deliberate bug in final/loop: one piece of a file's text
// replaced, and the cases that must then differ from what Node printed.
type mutation struct {
	file, old, new string
	red            []string
}

var mutations = []mutation{
	{"ticks.go", "\t\trt.runMicrotasks()\n\t\tif", "\t\tif",
		[]string{"tick-in-microtask", "ticks-between-timers", "recursive-microtask-starves-timers"}},
	{"ticks.go", "\t\tfor len(rt.tickQueue) > 0 {", "\t\trt.runMicrotasks()\n\t\tfor len(rt.tickQueue) > 0 {",
		[]string{"tick-before-promise", "pool-after-program-ticks"}},
	{"timers.go", "\t\trt.invoke(cb)", "\t\tcb()",
		[]string{"ticks-between-timers", "tick-in-timer-before-immediate"}},
	{"promise.go", "\tp.rt.QueueMicrotask(func() {\n\t\tq.Then(", "\tfunc(f func()) { f() }(func() {\n\t\tq.Then(",
		[]string{"return-promise-adoption"}},
	{"promise.go", "\tif len(rt.rejections) == 0 {", "\tif true {",
		[]string{"unhandled-rejection-exits", "unhandled-rejection-to-handler"}},
	{"timers.go", "\tcase ms < 1:\n\t\treturn time.Millisecond", "\tcase ms < 1:\n\t\treturn 0",
		[]string{"zero-is-one", "negative-is-one"}},
	{"timers.go", "rt.arm(t, t.interval)", "rt.arm(t, 0)",
		[]string{"interval-no-burst"}},
	{"timers.go", "\trt.arm(t, t.delay)\n\tt.start()", "\tt.start()",
		[]string{"refresh-restarts", "refresh-fired-rearms"}},
	{"timers.go", "\t\t\tif e.when > now {\n\t\t\t\trt.timers.renew(l)", "\t\t\tif true {\n\t\t\t\trt.timers.renew(l)",
		[]string{"lists-run-together"}},
	{"handle.go", "\th.unref = true\n\tif h.active {", "\th.unref = true\n\tif false {",
		[]string{"unref-timer-alone", "unref-immediate-alone", "server-unref-alone"}},
	{"loop.go", "\t\trt.runBeforeExit()\n", "",
		[]string{"before-exit-once", "before-exit-schedules"}},
	{"process.go", "\trt.exitCalled = true\n\tpanic(exitNow{})", "\trt.exitCalled = true",
		[]string{"process-exit-skips-pending"}},
	{"ticks.go", "\tif rt.onUncaught == nil || u.InHandler {\n\t\tpanic(u)", "\tif true {\n\t\tpanic(u)",
		[]string{"uncaught-handler-continues", "uncaught-in-tick-queue-goes-on"}},
	{"process.go", "\tif err == nil && !rt.exitCalled {", "\tif err == nil {",
		[]string{"process-exit-in-microtask", "exit-listener-promises-not-after-exit"}},
	{"process.go", "rt.exitStep(func() { hook(code) }, &err)", "rt.exitStep(func() { hook(code); rt.runMicrotasks() }, &err)",
		[]string{"exit-listener-promises-after-all", "exit-listener-promises-not-after-exit"}},
	{"process.go", "\tif err == nil && !rt.exitCalled {", "\tif !rt.exitCalled {",
		[]string{"uncaught-in-microtask-no-handler"}},
	{"process.go", "func() { hook(code) }", "func() { _ = code; hook(rt.exitCode) }",
		[]string{"exit-listeners-same-code"}},
	{"process.go", "goOn = false // Exit", "goOn = true // Exit",
		[]string{"exit-in-exit-listener"}},
	{"process.go", "ok && u.InHandler {", "ok && u != nil && false {",
		[]string{"uncaught-handler-throws"}},
	{"uncaught.go", "\t\treturn exitHandlerFailed", "\t\treturn 1",
		[]string{"uncaught-handler-throws"}},
}

// TestMutationsTurnCasesRed builds the Go cases once per mutation, with
// the mutated file swapped in by go build -overlay (the tree is not
// touched), and checks that each case the mutation names then prints
// something other than what Node printed (testdata/NAME.txt), so the
// suite can fail. It needs no node. It costs a build per mutation, so
// it runs only with CONFORMANCE_MUTATIONS set (as .ci/run does).
func TestMutationsTurnCasesRed(t *testing.T) {
	if os.Getenv("CONFORMANCE_MUTATIONS") == "" {
		t.Skip("set CONFORMANCE_MUTATIONS=1 to build the cases once per mutation (one build per mutation)")
	}
	dir := t.TempDir()
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2) // builds are CPU-bound
	for i, m := range mutations {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			src := filepath.Join("..", "..", "loop", m.file)
			text, err := os.ReadFile(src)
			if err != nil {
				t.Error(err)
				return
			}
			if strings.Count(string(text), m.old) != 1 {
				t.Errorf("mutation %d: %q is not once in %s", i, m.old, m.file)
				return
			}
			abs, err := filepath.Abs(src)
			if err != nil {
				t.Error(err)
				return
			}
			mutated := filepath.Join(dir, strings.Replace(m.file, ".go", "", 1)+"-"+string(rune('a'+i))+".go")
			overlay := filepath.Join(dir, "overlay-"+string(rune('a'+i))+".json")
			bin := filepath.Join(dir, "gocases-"+string(rune('a'+i)))
			if err := os.WriteFile(mutated, []byte(strings.Replace(string(text), m.old, m.new, 1)), 0o666); err != nil {
				t.Error(err)
				return
			}
			o, _ := json.Marshal(map[string]map[string]string{"Replace": {abs: mutated}})
			if err := os.WriteFile(overlay, o, 0o666); err != nil {
				t.Error(err)
				return
			}
			if out, err := exec.Command("go", "build", "-overlay", overlay, "-o", bin, "./gocases").CombinedOutput(); err != nil {
				t.Errorf("mutation %d (%s): go build: %v\n%s", i, m.file, err, out)
				return
			}
			for _, name := range m.red {
				if differsFromRecord(name, run(t, bin, name)) == "" {
					t.Errorf("mutation %d (%s: %q → %q): %s still prints what Node printed", i, m.file, m.old, m.new, name)
				} else {
					t.Logf("mutation %d (%s): %s red", i, m.file, name)
				}
			}
		})
	}
	wg.Wait()
}
