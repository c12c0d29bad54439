// An unref'd timer alone does not keep the loop alive: it never fires.
// Source: Node docs, timeout.unref(); libuv test/test-ref.c (unref_in_prepare... timer_ref)
'use strict';
const log = console.log;
setTimeout(() => log('never'), 5).unref();
process.on('exit', (code) => log('exit', code));
