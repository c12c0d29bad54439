// An unref'd interval runs while a ref'd timeout keeps the loop alive, and stops keeping it alive after.
// Source: Node docs, timeout.unref(); test/parallel/test-timers-unref.js; libuv test/test-ref.c
'use strict';
const log = console.log;
let n = 0;
setInterval(() => { n++; }, 2).unref();
setTimeout(() => log('interval ran:', n > 0), 30);
