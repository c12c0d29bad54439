// Timers with the same delay fire in the order they were set.
// Source: libuv test/test-timer.c (timer_order); Node test/parallel/test-timers-ordering.js
'use strict';
const log = console.log;
for (const n of [1, 2, 3]) setTimeout(() => log('timer', n), 5);
