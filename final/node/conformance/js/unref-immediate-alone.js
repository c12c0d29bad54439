// An unref'd immediate alone does not keep the loop alive.
// Source: Node docs, immediate.unref(); test/parallel/test-timers-immediate-unref.js
'use strict';
const log = console.log;
setImmediate(() => log('never')).unref();
process.on('exit', (code) => log('exit', code));
