// refresh() on a timeout that has fired arms it again.
// Source: Node docs, timeout.refresh() ('will reactivate the timer'); test/parallel/test-timers-refresh.js
'use strict';
const log = console.log;
let n = 0;
const t = setTimeout(() => { log('fired', ++n); if (n < 3) t.refresh(); }, 1);
