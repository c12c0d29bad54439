// An interval whose callback runs long does not fire catch-up calls: each call starts one period after the previous call started (a gap of at least half a period is checked, for a loaded machine; re-arming from the old deadline gives a gap near 0).
// Source: Node lib/internal/timers.js listOnTimeout (start = getLibuvNow() before the callback, insert(timer, repeat, start) after); libuv test/test-timer-again.c
'use strict';
const log = console.log;
const period = 20; let n = 0; let last = 0;
const iv = setInterval(() => {
  const now = performance.now(); n++;
  if (n > 1) log('call', n, 'gap >= half a period:', now - last >= period / 2);
  last = now;
  if (n === 1) { while (performance.now() - now < 3 * period); }
  if (n === 4) clearInterval(iv);
}, period);
