// The work-queue example (main.go) written for Node:
//
//   cd final/examples/workqueue && node example.js
//   UV_THREADPOOL_SIZE=1 node example.js
//
// fs.readFile and crypto.pbkdf2 run on libuv's thread pool, four threads
// unless UV_THREADPOOL_SIZE says otherwise, as our fs.Read and
// crypto.Encrypt run on ours. It prints main.go's lines, including
// FINISHED, which our runtime prints itself, so that trace.spec judges
// both programs on main's lines.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { log } = require('../trace.js');

process.on('exit', (code) => {
  if (code === 0) log('FINISHED');
});
const testFile = path.join(__dirname, '..', '..', 'test.txt');

// ANCHOR: program
log('queueing four reads and two encryptions');
for (let i = 1; i <= 4; i++) {
  fs.readFile(testFile, 'utf8', (err, text) => {
    if (err) {
      log(`Error: ${err.message}`);
      return;
    }
    log(`read ${i}: ${text.length} characters`);
  });
}
for (let i = 5; i <= 6; i++) {
  crypto.pbkdf2('secret', 'salt', 1000, 32, 'sha256', (err) => {
    if (err) {
      log(`Error: ${err.message}`);
      return;
    }
    log(`encryption ${i} done`);
  });
}
log('the program keeps the loop thread busy for 100 ms');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100); // blocks, as a long synchronous call would
log('program ends');
// ANCHOR_END: program
