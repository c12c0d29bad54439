// With a handler set first, a throw in the program itself reaches it, and the loop then runs.
// Source: Node docs, process event 'uncaughtException' (any exception thrown by JavaScript code, the main script's included)
'use strict';
const log = console.log;
process.on('uncaughtException', (e) => log('handler', e.message));
setTimeout(() => log('timeout runs'), 1);
throw new Error('in program');
