// process.exitCode is the run's exit status and what exit and beforeExit get.
// Source: Node docs, process.exitCode; test/parallel/test-process-exit-code.js
'use strict';
const log = console.log;
process.on('beforeExit', (code) => log('beforeExit', code));
process.on('exit', (code) => log('exit', code));
setTimeout(() => { process.exitCode = 3; }, 1);
