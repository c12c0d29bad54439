// An immediate set in a timer runs in the same turn, before a 0 ms timer set in that timer.
// Source: Node docs, 'The Node.js Event Loop' (check phase after poll)
'use strict';
const log = console.log;
setTimeout(() => {
  setTimeout(() => log('timeout set by timeout'), 0);
  setImmediate(() => log('immediate set by timeout'));
}, 1);
