// refresh() does not bring back a cleared timer.
// Source: Node lib/internal/timers.js insertGuarded (_idleTimeout < 0 after clearTimeout)
'use strict';
const log = console.log;
const t = setTimeout(() => log('never'), 1);
clearTimeout(t); t.refresh();
setTimeout(() => log('other'), 3);
