// A delay above 2^31-1 is 1 ms, with a TimeoutOverflowWarning on stderr.
// Source: Node docs, setTimeout; test/parallel/test-timers-max-duration-warning.js
'use strict';
const log = console.log;
setTimeout(() => log('1 ms, set first'), 1);
setTimeout(() => log('2^31 ms, set second'), 2 ** 31);
