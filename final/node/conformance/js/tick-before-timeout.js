// A nextTick queued by the program runs before any timer.
// Source: Node docs, process.nextTick(); test/parallel/test-next-tick-ordering.js
'use strict';
const log = console.log;
setTimeout(() => log('timeout'), 0);
process.nextTick(() => log('nextTick'));
log('program');
