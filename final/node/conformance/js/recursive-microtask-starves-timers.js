// A recursive microtask starves timers the same way.
// Source: Node docs, queueMicrotask(); HTML/ECMAScript job queue semantics
'use strict';
const log = console.log;
let n = 0;
setTimeout(() => log('timeout, after all the microtasks:', n >= 1000), 0);
const start = Date.now();
function again() { n++; if (Date.now() - start < 20 || n < 1000) queueMicrotask(again); else log('microtasks stop'); }
queueMicrotask(again);
