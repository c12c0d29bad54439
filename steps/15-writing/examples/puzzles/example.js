// The puzzle of main.go, for node: cd final/examples/puzzles && node example.js
// crypto.pbkdf2 runs on libuv's thread pool, and its callback in the
// poll phase, as the Go program's pool callback does.
'use strict';
const crypto = require('crypto');
const { log, print } = require('../trace.js');

// The runtime's own lines, which node does not print: the timer ids
// and the pool thread's lines are left to the spec's other threads;
// "Registered timer event id" and FINISHED are printed here.
let lastId = 0;
const setTimeoutLogged = (cb, ms) => {
  setTimeout(cb, ms);
  log(`Registered timer event id: ${++lastId}`);
};
process.on('exit', (code) => { if (code === 0) log('FINISHED'); });

// ANCHOR: program
log('program start');
setTimeoutLogged(() => log('timeout'), 0);
setImmediate(() => log('immediate'));
Promise.resolve().then(() => log('promise'));
process.nextTick(() => log('nextTick'));
log('program end');
// ANCHOR_END: program

// ANCHOR: io
lastId++; // the pool task's id, as the Go runtime counts it
crypto.pbkdf2('secret', 'salt', 20000, 32, 'sha256', () => {
  log('I/O callback');
  setTimeoutLogged(() => log('timeout from I/O'), 0);
  setImmediate(() => log('immediate from I/O'));
  Promise.resolve().then(() => log('promise from I/O'));
  process.nextTick(() => log('nextTick from I/O'));
});
// ANCHOR_END: io
