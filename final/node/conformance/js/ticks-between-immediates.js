// After each immediate, the nextTick and microtask queues run, before the next immediate (Node >= 11).
// Source: Node lib/timers.js processImmediate (runNextTicks between immediates)
'use strict';
const log = console.log;
for (const n of [1, 2]) {
  setImmediate(() => {
    log('immediate', n);
    process.nextTick(() => log('nextTick', n));
    Promise.resolve().then(() => log('promise', n));
  });
}
