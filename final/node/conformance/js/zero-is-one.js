// A delay of 0 is 1 ms: a 0 ms timer set after a 1 ms timer fires after it.
// Source: Node docs, setTimeout ('When delay is larger than 2147483647 or less than 1, the delay will be set to 1'); lib/internal/timers.js Timeout
'use strict';
const log = console.log;
setTimeout(() => log('1 ms, set first'), 1);
setTimeout(() => log('0 ms, set second'), 0);
