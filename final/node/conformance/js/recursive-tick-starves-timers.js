// A recursive nextTick keeps the loop from its timers until it stops.
// Source: Node docs, process.nextTick (recursive calls can starve I/O); test/parallel/test-next-tick-intentional-starvation.js
'use strict';
const log = console.log;
let n = 0;
setTimeout(() => log('timeout, after all the ticks:', n >= 1000), 0);
const start = Date.now();
function again() { n++; if (Date.now() - start < 20 || n < 1000) process.nextTick(again); else log('ticks stop'); }
process.nextTick(again);
