// With a handler set first, a throw in the program itself reaches it, and the loop then runs.
// Source: Node docs, 'uncaughtException'; test/parallel/test-process-uncaught-exception... 
'use strict';
const log = console.log;
process.on('uncaughtException', (e) => log('handler', e.message));
setTimeout(() => log('timeout runs'), 1);
throw new Error('in program');
