// From the main program, setTimeout(0) against setImmediate: either order, as the loop's start time decides.
// Source: Node docs, 'The Node.js Event Loop' (setImmediate() vs setTimeout(): 'non-deterministic')
'use strict';
const log = console.log;
setTimeout(() => log('timeout'), 0);
setImmediate(() => log('immediate'));
