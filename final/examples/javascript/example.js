// A reader's puzzle, in JavaScript, for node and for gonode (the
// runtime the book builds, running it with goja):
//
//   cd final/examples/javascript && node example.js
//   go run ../../cmd/gonode -trace example.js
//
// main.go runs it on gonode with the trace on, so that the runtime's own
// lines (the ticks, the pool thread that reads the file) print beside it.
'use strict';
const fs = require('fs');
const { log } = require('../trace.js');

// ANCHOR: puzzle
async function task() {
  log('task starts');
  await null; // the rest of task is a promise job
  log('task resumes after await');
}

log('program starts');
setTimeout(() => log('timeout'), 0);
setImmediate(() => log('immediate'));
process.nextTick(() => log('nextTick 1'));
task().then(() => log('task has resolved'));
queueMicrotask(() => log('microtask'));
process.nextTick(() => log('nextTick 2'));

fs.readFile(__filename, (err, data) => {
  log(`read ${err ? err.code : 'the file'} on the pool`);
  setTimeout(() => log('timeout from the read'), 0);
  setImmediate(() => log('immediate from the read'));
  Promise.resolve().then(() => {
    log('promise from the read');
    process.nextTick(() => log('nextTick queued by that promise'));
  });
  process.nextTick(() => log('nextTick from the read'));
});
log('program ends');
// ANCHOR_END: puzzle
