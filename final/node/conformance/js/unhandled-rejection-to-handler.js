// With an uncaughtException handler, an unhandled rejection reaches it (origin unhandledRejection) and the loop goes on.
// Source: Node docs, process event 'uncaughtException' (origin); test/parallel/test-promise-unhandled-throw-handler.js
'use strict';
const log = console.log;
process.on('uncaughtException', (e, origin) => log('handler', origin, e.message));
Promise.reject(new Error('r1'));
setTimeout(() => log('timeout still runs'), 1);
