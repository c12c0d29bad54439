package gonode

import (
	"crypto/pbkdf2"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"errors"
	"hash"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dop251/goja"

	"github.com/nodeexperiment/gonode/final/js"
)

// builtins are the modules require knows, by name, each made on first
// use.
var builtins = map[string]func(n *node) goja.Value{
	"fs":     (*node).fsModule,
	"crypto": (*node).cryptoModule,
	"net":    func(n *node) goja.Value { return n.lib.Get("net") },
	"http":   func(n *node) goja.Value { return n.lib.Get("http") },
	"events": func(n *node) goja.Value {
		ee := n.lib.Get("EventEmitter").ToObject(n.vm)
		_ = ee.Set("EventEmitter", ee)
		return ee
	},
	"path":   (*node).pathModule,
	"buffer": func(n *node) goja.Value { return n.vm.ToValue(map[string]any{"Buffer": n.lib.Get("Buffer")}) },
	"timers": func(n *node) goja.Value {
		o := n.vm.NewObject()
		for _, name := range []string{"setTimeout", "setInterval", "setImmediate", "clearTimeout", "clearInterval", "clearImmediate"} {
			_ = o.Set(name, n.vm.GlobalObject().Get(name))
		}
		return o
	},
}

// ANCHOR: require

// requireFrom returns the require function of a module in dir: a
// built-in module by name (with or without "node:"), or a file by a
// relative or absolute path, run once and cached. Any other name throws
// Node's MODULE_NOT_FOUND error, which names the modules gonode has.
func (n *node) requireFrom(dir, from string) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		name := call.Argument(0).String()
		key := strings.TrimPrefix(name, "node:")
		if m, ok := n.modules[key]; ok {
			return m
		}
		if make, ok := builtins[key]; ok {
			m := make(n)
			n.modules[key] = m
			return m
		}
		if strings.HasPrefix(name, "./") || strings.HasPrefix(name, "../") || filepath.IsAbs(name) {
			return n.requireFile(filepath.Join(dir, name), name, from)
		}
		panic(n.notFound(name, from))
	}
}

// ANCHOR_END: require

// requireFile runs a JavaScript file as a module (once) and returns its
// exports.
func (n *node) requireFile(path, name, from string) goja.Value {
	if filepath.Ext(path) == "" {
		path += ".js"
	}
	if m, ok := n.modules[path]; ok {
		return m
	}
	src, err := os.ReadFile(path)
	if err != nil {
		panic(n.notFound(name, from))
	}
	prg, err := n.compile(path, string(src))
	if err != nil {
		e := n.vm.NewGoError(err)
		_ = e.Set("name", "SyntaxError")
		panic(e)
	}
	m := n.runModuleNested(prg, path)
	n.modules[path] = m
	return m
}

// runModuleNested runs a module required from JavaScript: its throw is
// the require call's.
func (n *node) runModuleNested(prg *goja.Program, path string) goja.Value {
	fn, err := n.vm.RunProgram(prg)
	if err != nil {
		panic(err)
	}
	call, _ := goja.AssertFunction(fn)
	module := n.vm.NewObject()
	exports := n.vm.NewObject()
	_ = module.Set("exports", exports)
	if _, err := call(exports, exports, n.vm.ToValue(n.requireFrom(filepath.Dir(path), path)), module,
		n.vm.ToValue(path), n.vm.ToValue(filepath.Dir(path))); err != nil {
		panic(err)
	}
	return module.Get("exports")
}

// notFound is Node's error for a module it cannot find, with the list of
// the modules gonode has.
func (n *node) notFound(name, from string) *goja.Object {
	have := make([]string, 0, len(builtins))
	for k := range builtins {
		have = append(have, k)
	}
	slices.Sort(have)
	e := n.vm.NewGoError(errors.New("Cannot find module '" + name + "'\nRequire stack:\n- " + from +
		"\ngonode has these modules: " + strings.Join(have, ", ") + ", and files by a relative or absolute path"))
	_ = e.Set("name", "Error")
	_ = e.Set("code", "MODULE_NOT_FOUND")
	return e
}

// pathModule is require('path'): join, dirname, basename, extname,
// resolve, sep.
func (n *node) pathModule() goja.Value {
	o := n.vm.NewObject()
	_ = o.Set("join", func(call goja.FunctionCall) goja.Value {
		parts := make([]string, len(call.Arguments))
		for i, a := range call.Arguments {
			parts[i] = a.String()
		}
		return n.vm.ToValue(filepath.Join(parts...))
	})
	_ = o.Set("resolve", func(call goja.FunctionCall) goja.Value {
		p, _ := os.Getwd()
		for _, a := range call.Arguments {
			s := a.String()
			if filepath.IsAbs(s) {
				p = s
			} else {
				p = filepath.Join(p, s)
			}
		}
		return n.vm.ToValue(filepath.Clean(p))
	})
	_ = o.Set("dirname", filepath.Dir)
	_ = o.Set("basename", func(p string, ext ...string) string {
		b := filepath.Base(p)
		if len(ext) > 0 {
			b = strings.TrimSuffix(b, ext[0])
		}
		return b
	})
	_ = o.Set("extname", filepath.Ext)
	_ = o.Set("sep", string(filepath.Separator))
	return o
}

// ANCHOR: readfile

// fsModule is require('fs'): readFile (error-first, the read on a pool
// thread), readFileSync, existsSync, and promises.readFile.
func (n *node) fsModule() goja.Value {
	o := n.vm.NewObject()
	_ = o.Set("readFile", func(call goja.FunctionCall) goja.Value {
		path := call.Argument(0).String()
		enc, cbArg := call.Argument(1), call.Argument(2)
		if _, ok := goja.AssertFunction(enc); ok {
			enc, cbArg = goja.Undefined(), enc
		}
		cb := n.callback(cbArg, "cb")
		n.readFile(path, encoding(enc), func(err, v goja.Value) {
			n.callOrReport(cb, goja.Undefined(), []goja.Value{err, v})
		})
		return goja.Undefined()
	})
	promises := n.vm.NewObject()
	_ = promises.Set("readFile", func(call goja.FunctionCall) goja.Value {
		p, resolve, reject := n.vm.NewPromise()
		n.readFile(call.Argument(0).String(), encoding(call.Argument(1)), func(err, v goja.Value) {
			if err != goja.Null() {
				_ = reject(err)
				return
			}
			_ = resolve(v)
		})
		return n.vm.ToValue(p)
	})
	_ = o.Set("promises", promises)
	_ = o.Set("readFileSync", func(call goja.FunctionCall) goja.Value {
		path := call.Argument(0).String()
		data, err := os.ReadFile(path)
		if err != nil {
			panic(n.nodeError(err, "open", path))
		}
		return n.bytesValue(data, encoding(call.Argument(1)))
	})
	_ = o.Set("existsSync", func(path string) bool { _, err := os.Stat(path); return err == nil })
	return o
}

// readFile reads path on a pool thread and calls done in scope on the
// loop thread, with Node's error or null, and the contents (a string in
// enc, or a Buffer). The pool thread only sees Go values.
func (n *node) readFile(path, enc string, done func(err, v goja.Value)) {
	var data []byte
	n.rt.QueueWork("fs.readFile", func() (js.Value, error) {
		var err error
		data, err = os.ReadFile(path)
		return js.Undefined, err
	}, func(err error, _ js.Value) {
		n.scope(func() {
			if err != nil {
				done(n.nodeError(err, "open", path), goja.Undefined())
				return
			}
			done(goja.Null(), n.bytesValue(data, enc))
		})
	})
}

// ANCHOR_END: readfile

// encoding returns the encoding an options argument names: a string, or
// an object's encoding; "" for none.
func encoding(v goja.Value) string {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return ""
	}
	if o, ok := v.(*goja.Object); ok {
		if e := o.Get("encoding"); e != nil && !goja.IsUndefined(e) && !goja.IsNull(e) {
			return e.String()
		}
		return ""
	}
	return v.String()
}

// bytesValue returns data as a string when enc names one, else as a
// Buffer.
func (n *node) bytesValue(data []byte, enc string) goja.Value {
	if enc != "" {
		return n.vm.ToValue(string(data))
	}
	return n.buffer(data)
}

// buffer returns a new Buffer that holds data.
func (n *node) buffer(data []byte) goja.Value {
	ctor, _ := goja.AssertConstructor(n.lib.Get("Buffer"))
	b, err := ctor(nil, n.vm.ToValue(n.vm.NewArrayBuffer(data)))
	if err != nil {
		panic(err)
	}
	return b
}

// cryptoModule is require('crypto'): pbkdf2 (error-first, on a pool
// thread) and pbkdf2Sync.
func (n *node) cryptoModule() goja.Value {
	o := n.vm.NewObject()
	args := func(call goja.FunctionCall) (pw, salt []byte, iter, keyLen int, h func() hash.Hash) {
		pw = n.bytesOf(call.Argument(0))
		salt = n.bytesOf(call.Argument(1))
		iter = int(call.Argument(2).ToInteger())
		keyLen = int(call.Argument(3).ToInteger())
		switch strings.ToLower(call.Argument(4).String()) {
		case "sha1":
			h = sha1.New
		case "sha256":
			h = sha256.New
		case "sha512":
			h = sha512.New
		default:
			panic(n.typeError("ERR_CRYPTO_INVALID_DIGEST", "Invalid digest: "+call.Argument(4).String()))
		}
		return
	}
	_ = o.Set("pbkdf2", func(call goja.FunctionCall) goja.Value {
		pw, salt, iter, keyLen, h := args(call)
		cb := n.callback(call.Argument(5), "callback")
		var key []byte
		n.rt.QueueWork("crypto.pbkdf2", func() (js.Value, error) {
			var err error
			key, err = pbkdf2.Key(h, string(pw), salt, iter, keyLen)
			return js.Undefined, err
		}, func(err error, _ js.Value) {
			n.scope(func() {
				if err != nil {
					n.callOrReport(cb, goja.Undefined(), []goja.Value{n.nodeError(err, "pbkdf2"), goja.Undefined()})
					return
				}
				n.callOrReport(cb, goja.Undefined(), []goja.Value{goja.Null(), n.buffer(key)})
			})
		})
		return goja.Undefined()
	})
	_ = o.Set("pbkdf2Sync", func(call goja.FunctionCall) goja.Value {
		pw, salt, iter, keyLen, h := args(call)
		key, err := pbkdf2.Key(h, string(pw), salt, iter, keyLen)
		if err != nil {
			panic(n.nodeError(err, "pbkdf2"))
		}
		return n.buffer(key)
	})
	return o
}

// bytesOf returns a string's UTF-8 bytes or a typed array's bytes.
func (n *node) bytesOf(v goja.Value) []byte {
	if o, ok := v.(*goja.Object); ok {
		if ab, ok := o.Get("buffer").Export().(goja.ArrayBuffer); ok {
			off := int(o.Get("byteOffset").ToInteger())
			return append([]byte(nil), ab.Bytes()[off:off+int(o.Get("length").ToInteger())]...)
		}
	}
	return []byte(v.String())
}
