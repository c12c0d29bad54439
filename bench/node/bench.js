// One benchmark workload in Node, as the book's runtime and idiomatic Go
// run it (bench/cmd/ours, bench/cmd/gostd). It prints one JSON line and is
// run by the harness, bench/cmd/bench:
//
//   node bench/node/bench.js -workload timers -n 100000
//
// With -workload echo it is a server: it prints its address as the JSON
// line's addr, echoes every byte back on every connection, and exits when
// its standard input is closed.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const net = require('net');

const args = { workload: '', n: 1000, c: 1, file: '', server: '', timeout: '120s' };
for (let i = 2; i < process.argv.length; i += 2) {
  const name = process.argv[i].replace(/^-+/, '');
  if (!(name in args)) {
    console.error(`bench.js: unknown flag ${process.argv[i]}`);
    process.exit(1);
  }
  args[name] = process.argv[i + 1];
}
const n = Number(args.n);
const conc = Number(args.c);

function write(r) {
  process.stdout.write(JSON.stringify(r) + '\n');
}

// -timeout is a Go duration, as the harness writes it: "2m0s", "90s", "500ms".
const units = { h: 3600e3, m: 60e3, s: 1e3, ms: 1 };
let timeoutMs = 0;
for (const [, num, unit] of String(args.timeout).matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
  timeoutMs += Number(num) * units[unit];
}
if (!(timeoutMs > 0)) {
  console.error(`bench.js: bad -timeout ${JSON.stringify(args.timeout)}`);
  process.exit(1);
}
setTimeout(() => {
  write({ workload: args.workload, n, error: `timed out after ${args.timeout}` });
  process.exit(2);
}, timeoutMs).unref();

const r = { workload: args.workload, n, ops: 0, errors: 0, elapsed_ms: 0 };
let firstError = null;
let start = 0;
let after = () => {}; // what to compute once the last operation is done
function done(err) {
  if (err) {
    r.errors++;
    firstError = firstError || err;
  } else {
    r.ops++;
  }
  if (r.ops + r.errors === n) finish();
}
function finish() {
  r.elapsed_ms = performance.now() - start;
  after();
  if (firstError) r.error = String(firstError.message || firstError);
  write(r);
}

// inFlight runs op n times with at most conc in flight; op calls next
// when it is done.
function inFlight(op) {
  let started = 0;
  const next = () => {
    if (started < n) {
      started++;
      op(next);
    }
  };
  for (let i = 0; i < Math.min(conc, n); i++) next();
}

// The same generator as Go's math/rand/v2 would be overkill; any
// uniform choice of 0..100 ms gives the same mix of delays.
let seed = 12345;
function randomMs() {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed >>> 8) % 101;
}

start = performance.now();
switch (args.workload) {
  case 'timers': {
    // Lateness: how long after it could first have run each timer ran,
    // fired - max(deadline, ready), as bench/internal/result computes it.
    const deadline = new Float64Array(n);
    const fired = new Float64Array(n);
    let ready = 0;
    after = () => {
      const late = new Float64Array(n);
      for (let i = 0; i < n; i++) late[i] = Math.max(fired[i] - Math.max(deadline[i], ready), 0);
      late.sort();
      r.late_max_ms = late[n - 1];
      r.late_p99_ms = late[Math.ceil(n * 0.99) - 1];
    };
    for (let i = 0; i < n; i++) {
      const ms = randomMs();
      deadline[i] = performance.now() - start + ms;
      setTimeout(() => {
        fired[i] = performance.now() - start;
        done(null);
      }, ms);
    }
    ready = performance.now() - start;
    break;
  }
  case 'immediates': {
    const step = () => {
      done(null);
      if (r.ops < n) setImmediate(step);
    };
    setImmediate(step);
    break;
  }
  case 'files':
    inFlight((next) => {
      fs.readFile(args.file, (err, b) => {
        if (!err && b.length !== 4096) err = new Error(`read ${b.length} bytes, want 4096`);
        done(err);
        next();
      });
    });
    break;
  case 'cpu': {
    const salt = Buffer.from('gonode-bench-salt');
    for (let i = 0; i < n; i++) {
      crypto.pbkdf2('password', salt, 1000, 32, 'sha256', (err) => done(err));
    }
    break;
  }
  case 'http': {
    const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
    const [host, port] = args.server.split(':');
    inFlight((next) => {
      const req = http.get({ host, port, agent, path: '/delay/0/url/http://example.com' }, (res) => {
        res.resume();
        res.on('end', () => {
          done(res.statusCode === 302 ? null : new Error(`status ${res.statusCode}`));
          next();
        });
      });
      req.on('error', (err) => {
        done(err);
        next();
      });
    });
    break;
  }
  case 'echo': {
    const sockets = new Set();
    const server = net.createServer((s) => {
      sockets.add(s);
      s.setNoDelay(true);
      s.on('data', (d) => s.write(d));
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    });
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      write({ workload: 'echo', addr: `${a.address}:${a.port}` });
    });
    process.stdin.resume();
    process.stdin.on('end', () => {
      server.close();
      for (const s of sockets) s.destroy();
      write({ workload: 'echo', n, ops: 0, errors: 0, elapsed_ms: 0 });
    });
    break;
  }
  default:
    console.error(`bench.js: unknown workload ${JSON.stringify(args.workload)}`);
    process.exit(1);
}
