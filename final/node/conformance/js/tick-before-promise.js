// The nextTick queue runs before the microtask queue (promise reactions), both after the program.
// Source: Node docs, 'The Node.js Event Loop' (process.nextTick vs setImmediate); test/parallel/test-next-tick-ordering2.js
'use strict';
const log = console.log;
Promise.resolve().then(() => log('promise'));
process.nextTick(() => log('nextTick'));
log('program');
