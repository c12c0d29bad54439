// A shorter delay fires first, whatever the order they were set in.
// Source: libuv test/test-timer.c (timer_order); Node docs, setTimeout()
'use strict';
const log = console.log;
setTimeout(() => log('60 ms'), 60);
setTimeout(() => log('1 ms'), 1);
setTimeout(() => log('30 ms'), 30);
