// Inside an I/O (pool) callback, the immediate always runs before a 0 ms timeout.
// Source: Node docs, 'The Node.js Event Loop' (setImmediate() vs setTimeout(), within an I/O cycle)
'use strict';
const log = console.log;
require('fs').readFile(__filename, () => {
  setTimeout(() => log('timeout'), 0);
  setImmediate(() => log('immediate'));
});
