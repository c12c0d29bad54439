// A shorter delay fires first, whatever the order they were set in. (The delays are far apart: under load, node can stall for tens of milliseconds between two statements, and a timer set later then has a later deadline.)
// Source: libuv test/test-timer.c (timer_order); Node docs, setTimeout()
'use strict';
const log = console.log;
setTimeout(() => log('300 ms'), 300);
setTimeout(() => log('1 ms'), 1);
setTimeout(() => log('150 ms'), 150);
