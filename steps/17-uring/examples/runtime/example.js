// The runtime example (main.go) written for Node:
//
//   cd final/examples/runtime && node example.js
//
// Node's own pool runs only the work of Node's modules, so each task gets
// a worker thread instead, as in final/node/example.js: a file read
// sleeps a second (the slow disk) and then reads, an "encryption"
// computes Fibonacci(n). The program prints main.go's lines, and the
// runtime's own lines (the timer ids, FINISHED) at the points where our
// runtime prints them, so that trace.spec judges both on main's lines.
'use strict';
const fs = require('fs');
const path = require('path');
const { Worker, isMainThread, parentPort, workerData } = require('worker_threads');
const { log } = require('../trace.js');

// The pool tasks. In our runtime, a file read is a pool thread that
// sleeps one second (standing in for a slow disk) and then reads, and the
// "encryption" is a Fibonacci(n) on a pool thread. Node's own pool,
// libuv's, runs the work of Node's modules (fs.readFile, dns.lookup,
// crypto.pbkdf2, zlib), but JavaScript cannot hand it anything else:
// neither a sleep nor JavaScript code. worker_threads is how a Node
// program gets another thread for those, so each task gets a Worker: a
// real OS thread, which blocks (Atomics.wait) for the second and then
// reads the file (readFileSync: this thread may block, as a pool thread
// may), or computes. The result comes back to the main thread as a
// message, and the callback runs there, error first.
if (!isMainThread) {
  const { task, file, ms, n } = workerData;
  if (task === 'File read') {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    parentPort.postMessage(fs.readFileSync(file, 'utf8'));
  } else if (task === 'Encrypt') {
    const fibonacci = function fib(k) { return k < 2 ? k : fib(k - 1) + fib(k - 2); };
    parentPort.postMessage(fibonacci(n));
  }
  return;
}

// queueWork runs one task on a new worker thread and calls cb(err, value)
// on the main thread with its result, or with the error it threw.
function queueWork(data, cb) {
  let done = false;
  const once = (err, value) => {
    if (!done) {
      done = true;
      cb(err, value);
    }
  };
  const w = new Worker(__filename, { workerData: data });
  w.on('message', (value) => once(null, value));
  w.on('error', (err) => once(err));
  w.on('exit', (code) => once(new Error(`${data.task}: worker exited with code ${code}`)));
}

let lastId = 0;
const nextId = () => ++lastId;
process.on('exit', (code) => {
  if (code === 0) log('FINISHED');
});

function readFile(file, cb) {
  nextId();
  queueWork({ task: 'File read', file, ms: 1000 }, cb);
}

function encrypt(n, cb) {
  nextId();
  queueWork({ task: 'Encrypt', n }, cb);
}

function setTimeoutLogged(ms, cb) {
  log(`Registered timer event id: ${nextId()}`);
  return setTimeout(cb, ms);
}

// content prints a block as console.Content does.
function content(text, description) {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  let b = `\n===== THREAD main START CONTENT - ${description.toUpperCase()} =====\n`;
  b += lines.slice(0, 2).map((l) => `${l}\n`).join('');
  b += '... [Note: Abbreviated for display] ...\n';
  b += '===== END CONTENT =====\n\n';
  process.stdout.write(b);
}

const testFile = path.join(__dirname, '..', '..', 'test.txt');

// ANCHOR: program
log('First call to read test.txt');
readFile(testFile, (err, text) => {
  if (err) {
    log(`Error: ${err.message}`);
    return;
  }
  const length = text.length;
  log(`First count: ${length} characters.`);
  log('I want to create a "magic" number based on the text.');
  encrypt(length, (err, n) => {
    if (err) {
      log(`Error: ${err.message}`);
      return;
    }
    log(`"Encrypted" number is: ${n}`);
  });
});

log('Registering immediate timeout 1');
setTimeoutLogged(0, () => log('Immediate1 timed out'));
log('Registering immediate timeout 2');
setTimeoutLogged(0, () => log('Immediate2 timed out'));

log('Second call to read test.txt');
readFile(testFile, (err, text) => {
  if (err) {
    log(`Error: ${err.message}`);
    return;
  }
  log(`Second count: ${text.length} characters.`);
  log('Third call to read test.txt');
  readFile(testFile, (err, text) => {
    if (err) {
      log(`Error: ${err.message}`);
      return;
    }
    content(text, 'file read');
  });
});

log('Registering a 3000 and a 500 ms timeout');
setTimeoutLogged(3000, () => {
  log('3000ms timer timed out');
  setTimeoutLogged(500, () => log('500ms timer(nested) timed out'));
});

log('Registering a 1000 ms timeout');
setTimeoutLogged(1000, () => log('SETTIMEOUT'));
// ANCHOR_END: program
