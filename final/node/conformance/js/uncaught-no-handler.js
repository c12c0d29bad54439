// Without a handler, a throwing callback ends the run with status 1; exit gets 1; later timers never run.
// Source: Node docs, 'Exit codes' (1 Uncaught Fatal Exception); test/parallel/test-process-exit-code.js
'use strict';
const log = console.log;
process.on('exit', (code) => log('exit', code));
setTimeout(() => { log('throws'); throw new Error('boom'); }, 1);
setTimeout(() => log('never'), 20);
