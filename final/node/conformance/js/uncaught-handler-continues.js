// With an uncaughtException handler, a throwing callback is reported to it and the loop goes on.
// Source: Node docs, process event 'uncaughtException' (a listener replaces the default of printing the stack and exiting)
'use strict';
const log = console.log;
process.on('uncaughtException', (e) => log('handler', e.message));
setTimeout(() => { log('timer 1 throws'); throw new Error('boom'); }, 1);
setTimeout(() => log('timer 2'), 2);
