// A shorter delay fires first, whatever the order they were set in.
// Source: libuv test/test-timer.c (timer_order); Node docs, setTimeout()
'use strict';
const log = console.log;
setTimeout(() => log('15 ms'), 15);
setTimeout(() => log('5 ms'), 5);
setTimeout(() => log('10 ms'), 10);
