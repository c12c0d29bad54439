// A negative delay is 1 ms.
// Source: Node docs, setTimeout; test/parallel/test-timers-negative-duration (v23 adds a warning; v20 prints none)
'use strict';
const log = console.log;
setTimeout(() => log('1 ms, set first'), 1);
setTimeout(() => log('-5 ms, set second'), -5);
