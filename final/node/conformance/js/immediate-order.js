// Immediates run in the order they were set; one set by an immediate runs in the next check phase.
// Source: Node docs, setImmediate(); test/parallel/test-timers-immediate-queue.js
'use strict';
const log = console.log;
setImmediate(() => { log('immediate 1'); setImmediate(() => log('immediate 3, set by 1')); });
setImmediate(() => log('immediate 2'));
