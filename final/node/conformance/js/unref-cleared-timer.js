// Clearing an unref'd timer does not change what keeps the loop alive.
// Source: Node lib/timers.js unenroll (refcount only for ref'd timers); libuv test/test-ref.c
'use strict';
const log = console.log;
const t = setTimeout(() => log('never'), 1).unref();
clearTimeout(t);
setTimeout(() => log('ref timer'), 3);
