// A nextTick queued in a timer runs before the same tick's immediates.
// Source: Node docs, 'The Node.js Event Loop' (process.nextTick runs after the current operation)
'use strict';
const log = console.log;
setTimeout(() => {
  setImmediate(() => log('immediate'));
  process.nextTick(() => log('nextTick'));
  log('timeout');
}, 1);
