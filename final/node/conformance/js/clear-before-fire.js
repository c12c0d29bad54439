// A cleared timeout never fires.
// Source: Node docs, clearTimeout(); libuv test/test-timer.c (timer_start_twice / uv_timer_stop)
'use strict';
const log = console.log;
const t = setTimeout(() => log('never'), 1);
setTimeout(() => log('other'), 2);
clearTimeout(t);
