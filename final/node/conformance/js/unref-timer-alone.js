// An unref'd timer alone does not keep the loop alive: it never fires.
// Source: Node docs, timeout.unref(); libuv test/test-ref.c (timer_ref2: a started, unref'd timer never fires)
'use strict';
const log = console.log;
setTimeout(() => log('never'), 5).unref();
process.on('exit', (code) => log('exit', code));
