// An unref'd immediate still runs while a timer keeps the loop alive.
// Source: Node docs, immediate.unref(); test/parallel/test-timers-immediate-unref.js
'use strict';
const log = console.log;
setImmediate(() => log('unref immediate')).unref();
setTimeout(() => log('timeout'), 5);
