// beforeExit runs when the loop is empty, with the exit code; scheduling nothing ends the run.
// Source: Node docs, process event 'beforeExit'; test/parallel/test-process-beforeexit.js
'use strict';
const log = console.log;
process.on('beforeExit', (code) => log('beforeExit', code));
process.on('exit', (code) => log('exit', code));
setTimeout(() => log('timeout'), 1);
