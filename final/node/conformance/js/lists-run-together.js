// Node keeps one list of timers per delay, and its timers phase runs the
// due timers of one list together before it goes on to the next list:
// here the second 10 ms timer (due at about 15 ms) runs before the 3 ms
// one set 10 ms in (due at about 13 ms), because both 10 ms timers are
// in the list that was due first. The program keeps the loop busy until
// all three are due.
// Source: lib/internal/timers.js (processTimers, listOnTimeout)
'use strict';
const log = console.log;
const busy = (ms) => { const end = Date.now() + ms; while (Date.now() < end); };
setTimeout(() => log('10 ms, set first'), 10);
busy(5);
setTimeout(() => log('10 ms, set 5 ms later'), 10);
busy(5);
setTimeout(() => log('3 ms, set 10 ms in'), 3);
busy(30);
