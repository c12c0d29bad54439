// After each timer callback, the nextTick and microtask queues run, before the next timer (Node >= 11).
// Source: Node docs, 'The Node.js Event Loop' (changes in v11); test/parallel/test-timers-next-tick.js
'use strict';
const log = console.log;
for (const n of [1, 2]) {
  setTimeout(() => {
    log('timeout', n);
    process.nextTick(() => log('nextTick', n));
    Promise.resolve().then(() => log('promise', n));
  }, 1);
}
