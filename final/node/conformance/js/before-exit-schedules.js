// Work scheduled in beforeExit runs, and beforeExit runs again when it is done.
// Source: Node docs, 'beforeExit' ('can make asynchronous calls'); test/parallel/test-process-beforeexit.js
'use strict';
const log = console.log;
let n = 0;
process.on('beforeExit', () => {
  log('beforeExit', ++n);
  if (n < 3) setTimeout(() => log('timeout from beforeExit', n), 1);
});
