// refresh() counts the delay again from now: a refreshed 30 ms timer fires after a 38 ms one set before it (set first, so that a slow start cannot change the order).
// Source: Node docs, timeout.refresh(); libuv test/test-timer-again.c (uv_timer_again)
'use strict';
const log = console.log;
setTimeout(() => log('B, 38 ms'), 38);
const a = setTimeout(() => log('A, 30 ms refreshed at 15 ms'), 30);
setTimeout(() => { log('refresh A'); a.refresh(); }, 15);
