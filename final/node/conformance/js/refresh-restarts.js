// refresh() counts the delay again from now: a refreshed 30 ms timer fires after a 38 ms one.
// Source: Node docs, timeout.refresh(); libuv test/test-timer-again.c (uv_timer_again)
'use strict';
const log = console.log;
const a = setTimeout(() => log('A, 30 ms refreshed at 15 ms'), 30);
setTimeout(() => log('B, 38 ms'), 38);
setTimeout(() => { log('refresh A'); a.refresh(); }, 15);
