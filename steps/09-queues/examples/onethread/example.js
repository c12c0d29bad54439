// The program of main.go, for node:
//
//   cd final/examples/onethread && DELAY_SERVER=127.0.0.1:8080 node example.js
//
// DELAY_SERVER is the address of the delay server (start one with
// go run ./internal/delayserver/cmd/delayserver -addr 127.0.0.1:8080).
// crypto.pbkdf2 runs on libuv's thread pool, as the Go program's
// Encrypt runs on ours.
'use strict';
const crypto = require('crypto');
const { log } = require('../trace.js');

// The runtime's own lines, which node does not print, at the points
// where final/ prints them: the timer's id, the socket's registration
// (ids count every callback, from 1) and FINISHED.
process.on('exit', (code) => { if (code === 0) log('FINISHED'); });

log('Setting a 100 ms timer');
setTimeout(() => log('Timer: 100 ms have passed'), 100);
log('Registered timer event id: 1');

log('Queueing a task on the pool');
crypto.pbkdf2('secret', 'salt', 100000, 32, 'sha256', (err) => {
  if (err) {
    log(`Error: ${err.message}`);
    return;
  }
  log('Pool: the task is done');
});

