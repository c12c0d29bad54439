// A negative delay is 1 ms.
// Source: Node docs, setTimeout; Node 20 prints no warning (a later major adds TimeoutNegativeWarning, nodejs/node#46678)
'use strict';
const log = console.log;
setTimeout(() => log('1 ms, set first'), 1);
setTimeout(() => log('-5 ms, set second'), -5);
