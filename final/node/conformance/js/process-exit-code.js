// process.exit(code) makes code the exit status.
// Source: Node docs, process.exit([code]); test/parallel/test-process-exit-code.js
'use strict';
const log = console.log;
process.on('exit', (code) => log('exit', code));
setTimeout(() => process.exit(5), 1);
