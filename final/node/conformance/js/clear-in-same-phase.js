// A timer due in the same timers phase and cleared by an earlier callback of that phase does not run.
// Source: libuv test/test-timer.c (a timer stopped by another's callback); Node docs, clearTimeout()
'use strict';
const log = console.log;
let second;
setTimeout(() => { log('first clears second'); clearTimeout(second); }, 2);
second = setTimeout(() => log('never'), 2);
setTimeout(() => log('third'), 2);
