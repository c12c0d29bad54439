// A timer due in the same timers phase and cleared by an earlier callback of that phase does not run.
// Source: Node test/parallel/test-timers-clear-timeout-in-callback (clearing a due timer); libuv test/test-timer.c
'use strict';
const log = console.log;
let second;
setTimeout(() => { log('first clears second'); clearTimeout(second); }, 2);
second = setTimeout(() => log('never'), 2);
setTimeout(() => log('third'), 2);
