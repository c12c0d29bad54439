// An unref'd timer still fires while the loop is alive for another reason.
// Source: Node docs, timeout.unref(); test/parallel/test-timers-unref.js
'use strict';
const log = console.log;
setTimeout(() => log('unref, 5 ms'), 5).unref();
setTimeout(() => log('ref, 30 ms'), 30);
