// The JavaScript half of gonode's modules, as Node's lib/*.js is the
// JavaScript half of its own: EventEmitter, Buffer, the net module's
// sockets and servers, http.get. It is run once, before the script, as a
// function of the native bindings the Go half hands it (binding), and
// returns what the Go half installs: the classes and the modules.
(function (binding) {
  'use strict';

  // EventEmitter: on, once, off, emit, as events.EventEmitter. An 'error'
  // emitted with no listener is thrown, as in Node.
  class EventEmitter {
    on(name, fn) {
      if (!this._events) this._events = new Map();
      const list = this._events.get(name);
      if (list) list.push(fn); else this._events.set(name, [fn]);
      return this;
    }
    addListener(name, fn) { return this.on(name, fn); }
    once(name, fn) {
      const wrapper = (...args) => { this.off(name, wrapper); return fn.apply(this, args); };
      wrapper.listener = fn;
      return this.on(name, wrapper);
    }
    off(name, fn) {
      const list = this._events && this._events.get(name);
      if (!list) return this;
      const i = list.findIndex((f) => f === fn || f.listener === fn);
      if (i >= 0) list.splice(i, 1);
      return this;
    }
    removeListener(name, fn) { return this.off(name, fn); }
    removeAllListeners(name) {
      if (this._events) { if (name === undefined) this._events.clear(); else this._events.delete(name); }
      return this;
    }
    listeners(name) { return ((this._events && this._events.get(name)) || []).map((f) => f.listener || f); }
    listenerCount(name) { const l = this._events && this._events.get(name); return l ? l.length : 0; }
    emit(name, ...args) {
      const list = this._events && this._events.get(name);
      if (!list || list.length === 0) {
        if (name === 'error') throw args[0];
        return false;
      }
      for (const fn of list.slice()) fn.apply(this, args);
      return true;
    }
  }

  // Buffer: a Uint8Array with Node's constructors and the methods the
  // project's scripts use; UTF-8 only (and hex for toString).
  class Buffer extends Uint8Array {
    static alloc(size, fill) {
      const b = new Buffer(size);
      if (fill !== undefined) b.fill(typeof fill === 'string' ? fill.charCodeAt(0) : fill);
      return b;
    }
    static allocUnsafe(size) { return new Buffer(size); }
    static from(value, encoding) {
      if (typeof value === 'string') {
        const bytes = encoding === 'hex' ? hexBytes(value) : new Uint8Array(binding.utf8Encode(value));
        const b = new Buffer(bytes.length);
        b.set(bytes);
        return b;
      }
      if (value instanceof ArrayBuffer) return new Buffer(value);
      const b = new Buffer(value.length);
      b.set(value);
      return b;
    }
    static isBuffer(v) { return v instanceof Buffer; }
    static byteLength(s) { return typeof s === 'string' ? binding.utf8Encode(s).byteLength : s.byteLength; }
    static concat(list, total) {
      if (total === undefined) total = list.reduce((n, b) => n + b.length, 0);
      const out = Buffer.alloc(total);
      let at = 0;
      for (const b of list) {
        if (at >= total) break;
        out.set(b.length > total - at ? b.subarray(0, total - at) : b, at);
        at += b.length;
      }
      return out;
    }
    toString(encoding, start = 0, end = this.length) {
      const part = this.subarray(start, end);
      if (encoding === 'hex') return Array.from(part, (x) => x.toString(16).padStart(2, '0')).join('');
      return binding.utf8Decode(part.buffer, part.byteOffset, part.length);
    }
    write(string, offset = 0) {
      const bytes = new Uint8Array(binding.utf8Encode(string));
      const n = Math.min(bytes.length, this.length - offset);
      this.set(bytes.subarray(0, n), offset);
      return n;
    }
    equals(other) {
      if (this.length !== other.length) return false;
      for (let i = 0; i < this.length; i++) if (this[i] !== other[i]) return false;
      return true;
    }
    indexOf(value, from = 0) {
      const needle = typeof value === 'number' ? [value] : Buffer.from(value);
      outer: for (let i = from; i <= this.length - needle.length; i++) {
        for (let j = 0; j < needle.length; j++) if (this[i + j] !== needle[j]) continue outer;
        return i;
      }
      return -1;
    }
    slice(start, end) { return this.subarray(start, end); }
    toJSON() { return { type: 'Buffer', data: Array.from(this) }; }
  }
  function hexBytes(s) {
    const out = new Uint8Array(s.length >> 1);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(s.substr(2 * i, 2), 16);
    return out;
  }
  // bytes returns what a write was given, as bytes for the Go half.
  function bytes(data, encoding) {
    if (typeof data === 'string') return binding.utf8Encode(data, encoding);
    return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
  }

  // Socket: one TCP connection, accepted by a Server or opened by
  // net.connect, over the Go half's loop.Conn (handle).
  class Socket extends EventEmitter {
    constructor(handle) {
      super();
      this._handle = null;
      this._paused = false;
      this._held = [];
      this._ended = false; // our side ended (end called)
      this._eof = false; // their side ended
      this.destroyed = false;
      this._encoding = null;
      if (handle) this._attach(handle);
    }
    _attach(handle) {
      this._handle = handle;
      handle.readStart((err, chunk) => this._onRead(err, chunk));
    }
    _onRead(err, chunk) {
      if (this.destroyed) return;
      if (err) { this.destroy(err); return; }
      if (chunk === null) { // EOF
        this._eof = true;
        this._deliver(() => {
          this.emit('end');
          if (!this._ended) this.end(); // allowHalfOpen is false, as by default in Node
        });
        return;
      }
      const b = new Buffer(chunk);
      this._deliver(() => this.emit('data', this._encoding ? b.toString(this._encoding) : b));
    }
    _deliver(f) {
      if (this._paused) this._held.push(f); else f();
    }
    setEncoding(enc) { this._encoding = enc; return this; }
    pause() { this._paused = true; return this; }
    resume() {
      this._paused = false;
      while (!this._paused && this._held.length > 0) this._held.shift()();
      return this;
    }
    write(data, encoding, cb) {
      if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
      if (!this._handle && !this.destroyed && this._connecting) {
        (this._pending || (this._pending = [])).push([data, encoding, cb]);
        return false;
      }
      if (this.destroyed || !this._handle) {
        const err = Object.assign(new Error('This socket has been ended by the other party'), { code: 'EPIPE' });
        if (cb) process.nextTick(cb, err);
        return false;
      }
      return this._handle.write(bytes(data, encoding), (err) => {
        if (err && !this.destroyed) this.destroy(err);
        if (cb) cb(err || undefined);
      });
    }
    // end sends what is written and then closes the connection: the
    // loop's connections cannot half-close, so the end of our side is
    // the end of both (Node would go on reading until the peer ends).
    end(data, encoding, cb) {
      if (typeof data === 'function') { cb = data; data = undefined; }
      if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
      if (data !== undefined && data !== null) this.write(data, encoding);
      if (this._ended) return this;
      this._ended = true;
      if (!this._handle) { this._endWhenConnected = cb || true; return this; }
      this._handle.write(new ArrayBuffer(0), () => {
        if (this.destroyed) return;
        if (typeof cb === 'function') cb();
        this.emit('finish');
        this.destroy();
      });
      return this;
    }
    destroy(err) {
      if (this.destroyed) return this;
      this.destroyed = true;
      if (err) process.nextTick(() => this.emit('error', err));
      const closed = () => this.emit('close', !!err);
      if (this._handle) this._handle.close(closed); else process.nextTick(closed);
      return this;
    }
    ref() { this._unref = false; if (this._handle) this._handle.ref(); return this; }
    unref() { this._unref = true; if (this._handle) this._handle.unref(); return this; }
    setNoDelay() { return this; }
    setKeepAlive() { return this; }
    get remotePort() { return this._handle ? this._handle.remotePort() : undefined; }
  }

  // Server: a listening socket, over the Go half's loop.Server.
  class Server extends EventEmitter {
    constructor(options, onConnection) {
      super();
      if (typeof options === 'function') onConnection = options;
      if (onConnection) this.on('connection', onConnection);
      this._handle = null;
      this._unref = false;
      this._connections = 0;
      this._closing = false;
    }
    listen(port, host, cb) {
      if (typeof host === 'function') { cb = host; host = undefined; }
      if (typeof port === 'object' && port !== null) ({ port, host } = port);
      if (cb) this.once('listening', cb);
      this._handle = binding.listen(host || '127.0.0.1', Number(port) || 0, (err, handle) => {
        if (err) { this.emit('error', err); return; }
        this._connections++;
        const s = new Socket(handle);
        s.server = this;
        s.once('close', () => { this._connections--; this._maybeClosed(); });
        this.emit('connection', s);
      });
      if (this._unref) this._handle.unref();
      process.nextTick(() => this.emit('listening'));
      return this;
    }
    address() {
      if (!this._handle) return null;
      const a = this._handle.address();
      const colon = a.lastIndexOf(':');
      return { address: a.slice(0, colon), family: 'IPv4', port: Number(a.slice(colon + 1)) };
    }
    close(cb) {
      if (cb) this.once('close', cb);
      if (this._closing) return this;
      this._closing = true;
      const closed = () => { this._handleClosed = true; this._maybeClosed(); };
      if (this._handle) this._handle.close(closed); else process.nextTick(closed);
      return this;
    }
    // _maybeClosed emits 'close' once the listening socket is closed and
    // every connection it accepted has closed, as Node does.
    _maybeClosed() {
      if (this._handleClosed && this._connections === 0 && !this._closed) {
        this._closed = true;
        this.emit('close');
      }
    }
    ref() { this._unref = false; if (this._handle) this._handle.ref(); return this; }
    unref() { this._unref = true; if (this._handle) this._handle.unref(); return this; }
  }

  function createServer(options, onConnection) { return new Server(options, onConnection); }

  // connect opens a connection: net.connect(port[, host][, cb]) or
  // net.connect({ port, host }[, cb]).
  function connect(port, host, cb) {
    if (typeof port === 'object' && port !== null) { cb = host; ({ port, host } = port); }
    if (typeof host === 'function') { cb = host; host = undefined; }
    const s = new Socket();
    if (cb) s.once('connect', cb);
    s._connecting = true;
    binding.connect(host || '127.0.0.1', Number(port), (err, handle) => {
      s._connecting = false;
      if (s.destroyed) { if (handle) handle.close(); return; }
      if (err) { s.destroy(err); return; }
      if (s._unref) handle.unref();
      s._attach(handle);
      s.emit('connect');
      s.emit('ready');
      for (const [data, encoding, wcb] of s._pending || []) s.write(data, encoding, wcb);
      s._pending = null;
      if (s._endWhenConnected) {
        const ecb = s._endWhenConnected;
        s._ended = false;
        s.end(typeof ecb === 'function' ? ecb : undefined);
      }
    });
    return s;
  }

  const net = { createServer, connect, createConnection: connect, Server, Socket };

  // http.get over a net connection and the Go half's parser
  // (final/http.ParseResponse): one request, Connection: close, the whole
  // answer read before the response is handed over.
  class IncomingMessage extends EventEmitter {
    constructor(r) {
      super();
      Object.assign(this, r);
      this._encoding = null;
    }
    setEncoding(enc) { this._encoding = enc; return this; }
    resume() { return this; }
  }
  class ClientRequest extends EventEmitter {
    setTimeout() { return this; }
    end() { return this; }
    destroy(err) { this._socket.destroy(err); return this; }
  }
  function get(url, options, cb) {
    if (typeof options === 'function') { cb = options; options = {}; }
    if (typeof url === 'string') {
      const u = binding.parseURL(url);
      options = Object.assign({}, options, { host: u.host, port: u.port, path: u.path });
    } else {
      options = Object.assign({}, url);
    }
    const host = options.hostname || options.host || 'localhost';
    const port = Number(options.port) || 80;
    const headers = Object.assign({ Host: `${host}:${port}` }, options.headers);
    let head = `GET ${options.path || '/'} HTTP/1.1\r\n`;
    for (const k of Object.keys(headers)) head += `${k}: ${headers[k]}\r\n`;
    head += '\r\n';
    const req = new ClientRequest();
    if (cb) req.once('response', cb);
    const chunks = [];
    let done = false;
    const s = connect(port, host, () => s.write(head));
    req._socket = s;
    const finish = (atEOF) => {
      const r = binding.parseResponse(Buffer.concat(chunks), atEOF);
      if (r === null) return;
      done = true;
      if (r.error) { req.emit('error', r.error); s.destroy(); return; }
      const res = new IncomingMessage(r.response);
      const body = new Buffer(r.body);
      s.destroy();
      req.emit('response', res);
      process.nextTick(() => {
        if (body.length > 0) res.emit('data', res._encoding ? body.toString(res._encoding) : body);
        if (r.aborted) {
          res.emit('aborted');
          res.emit('error', r.aborted);
          return;
        }
        res.emit('end');
      });
    };
    s.on('data', (d) => { chunks.push(d); if (!done) finish(false); });
    s.on('end', () => { if (!done) finish(true); });
    s.on('error', (err) => { if (!done) { done = true; req.emit('error', err); } });
    return req;
  }
  function request() {
    throw new Error('gonode: http.request is not implemented; http.get is');
  }
  // Agent is accepted and ignored: every request has a connection of its
  // own, as with keepAlive false.
  class Agent {
    constructor(options) { this.options = options; }
  }
  const http = { get, request, IncomingMessage, ClientRequest, Agent };

  // process.stdin: data events as chunks come, then end. Each chunk is
  // one read on a pool thread (Node watches the pipe in its poll phase);
  // a read waits for the next chunk while the script is listening.
  const stdin = new EventEmitter();
  let reading = false;
  let paused = true;
  function readMore() {
    reading = true;
    binding.readStdin((err, chunk) => {
      reading = false;
      if (err) { stdin.emit('error', err); return; }
      if (chunk === null) { stdin.emit('end'); return; }
      stdin.emit('data', new Buffer(chunk));
      if (!paused) readMore();
    });
  }
  stdin.resume = function () { paused = false; if (!reading) readMore(); return this; };
  stdin.pause = function () { paused = true; return this; };
  stdin.on = function (name, fn) {
    EventEmitter.prototype.on.call(this, name, fn);
    if (name === 'data') this.resume();
    return this;
  };
  stdin.isTTY = false;

  return { EventEmitter, Buffer, net, http, stdin };
})
