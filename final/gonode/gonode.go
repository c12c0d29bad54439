// Package gonode runs a JavaScript file on final/'s loop, with the goja
// engine (github.com/dop251/goja) as its interpreter: the front end of
// the command gonode (final/cmd/gonode). It is the only package of the
// runtime that imports the engine; final/loop knows nothing of it.
//
// The engine runs on the loop thread only, the goroutine that calls
// Run: the script, every callback, the nextTick queue and goja's job
// queue (promise reactions). Pool work (fs.readFile, crypto.pbkdf2)
// gets Go values and returns Go values; it never touches the engine.
//
// Between callbacks it keeps Node's order: after each callback, the
// whole nextTick queue, then the whole microtask queue, and again until
// both are empty (queues.go says how, on goja's job queue).
package gonode

import (
	_ "embed"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"

	"github.com/nodeexperiment/gonode/final/console"
	"github.com/nodeexperiment/gonode/final/loop"
)

// Options says how Run runs a script.
type Options struct {
	// Trace lets the runtime print its own trace lines (Thread: NAME,
	// ticks, timer ids, pool threads) on standard output, beside the
	// script's output. Without it they are discarded.
	Trace bool
	// Args are the script's arguments, process.argv after the file.
	Args []string
	// Stdout and Stderr are where console.log and console.error write;
	// nil means os.Stdout and os.Stderr.
	Stdout, Stderr io.Writer
}

//go:embed lib.js
var libSource string

// node is one run of a script: the loop, the engine, and the state Node
// keeps in JavaScript (the nextTick queue, the promises rejected with no
// handler yet). Loop thread only.
type node struct {
	rt     *loop.Runtime
	vm     *goja.Runtime
	stdout io.Writer
	stderr io.Writer
	file   string            // the script's absolute path
	source map[string]string // the files run, by path, for error messages

	driver goja.Callable // the outermost JavaScript frame of every callback (queues.go)
	inner  func()        // what the driver runs this time

	ticks       []tick          // process.nextTick's queue
	rejections  []*goja.Promise // rejected with no handler, to report after the queues
	stop        *int            // the code to exit with at once, once set (process.exit, a fatal error)
	exiting     bool            // the exit listeners are running: nextTick and timers do nothing
	noExitEvent bool            // an uncaughtException listener threw: no 'exit' event
	fatalShown  bool

	process *goja.Object
	emit    goja.Callable // process.emit
	count   goja.Callable // process.listenerCount
	exitSet bool          // process.exitCode was set
	lib     *goja.Object  // what lib.js returned
	modules map[string]goja.Value
	kHandle *goja.Symbol // the hidden property that holds a handle's Go value
	protos  map[string]*goja.Object
}

// Run runs the script file on a new runtime and returns the exit status
// Node would return: 0, the exit code the script set, 1 for an uncaught
// exception or an unhandled rejection, 7 when an uncaughtException
// listener throws. What goes wrong is printed on opts.Stderr in Node's
// shape; no Go panic or stack reaches it. The caller's goroutine becomes
// the loop thread: lock it to its OS thread first for the trace's "main"
// to be one thread.
func Run(file string, opts Options) int {
	n := &node{stdout: opts.Stdout, stderr: opts.Stderr, source: map[string]string{},
		modules: map[string]goja.Value{}, protos: map[string]*goja.Object{}}
	if n.stdout == nil {
		n.stdout = os.Stdout
	}
	if n.stderr == nil {
		n.stderr = os.Stderr
	}
	if !opts.Trace {
		defer console.SetOutput(console.SetOutput(io.Discard))
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		fmt.Fprintf(n.stderr, "gonode: %v\n", err)
		return 1
	}
	n.file = abs
	src, err := os.ReadFile(abs)
	if err != nil {
		n.cannotOpen(abs, err)
		return 1
	}
	cfg, err := loop.ConfigFromEnv()
	if err != nil {
		fmt.Fprintf(n.stderr, "gonode: %v\n", err)
		return 1
	}
	n.rt, err = loop.New(cfg)
	if err != nil {
		fmt.Fprintf(n.stderr, "gonode: %v\n", err)
		return 1
	}
	n.rt.SetWarningOutput(n.stderr)
	n.vm = goja.New()
	if err := n.setup(opts.Args); err != nil {
		fmt.Fprintf(n.stderr, "gonode: setting up the engine: %v\n", err)
		return 1
	}
	main, err := n.compile(abs, string(src))
	if err != nil {
		n.syntaxError(err)
		return 1
	}
	err = n.rt.Run(func() {
		n.scope(func() { n.runModule(main, abs) })
	})
	return n.status(err)
}

// status is the exit status for what Run returned.
func (n *node) status(err error) int {
	if err == nil {
		return 0
	}
	if e, ok := err.(*loop.ExitError); ok {
		return e.Code
	}
	// Only a Go panic in the front end itself gets here: every
	// JavaScript error is handled before it reaches the loop.
	fmt.Fprintf(n.stderr, "gonode: internal error: %v\n", err)
	return 70
}

// cannotOpen prints Node's message for a script it cannot open.
func (n *node) cannotOpen(path string, err error) {
	fmt.Fprintf(n.stderr, "node:internal/modules/cjs/loader\n  throw err;\n  ^\n\n"+
		"Error: Cannot find module '%s'\n    (%v)\n{\n  code: 'MODULE_NOT_FOUND'\n}\n\n%s\n", path, err, trailer)
}

// trailer is the last line of a fatal error's report, where Node names
// its version.
const trailer = "gonode (Node.js API subset on goja)"

// wrapperHead is what a file's source is wrapped in, as Node's CommonJS
// loader wraps it, so that 'use strict' and the module's names hold for
// the file alone. It is on the file's first line: line numbers stay
// right, and columns on line 1 are corrected by its length.
const wrapperHead = "(function (exports, require, module, __filename, __dirname) { "

// compile compiles a file's source as a CommonJS module function.
func (n *node) compile(path, src string) (*goja.Program, error) {
	if strings.HasPrefix(src, "#!") {
		src = "//" + src[2:]
	}
	n.source[path] = src
	ast, err := parser.ParseFile(nil, path, wrapperHead+src+"\n})", 0)
	if err != nil {
		return nil, err
	}
	return goja.CompileAST(ast, false)
}

// runModule runs a compiled module and returns its module.exports.
func (n *node) runModule(prg *goja.Program, path string) goja.Value {
	fn, err := n.vm.RunProgram(prg)
	if err != nil {
		n.uncaught(err, "uncaughtException")
		return goja.Undefined()
	}
	call, _ := goja.AssertFunction(fn)
	module := n.vm.NewObject()
	exports := n.vm.NewObject()
	_ = module.Set("exports", exports)
	_ = module.Set("filename", path)
	_, err = call(exports, exports, n.vm.ToValue(n.requireFrom(filepath.Dir(path), path)), module,
		n.vm.ToValue(path), n.vm.ToValue(filepath.Dir(path)))
	if err != nil {
		n.uncaught(err, "uncaughtException")
		return goja.Undefined()
	}
	return module.Get("exports")
}
