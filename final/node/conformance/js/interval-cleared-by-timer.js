// Another timer can clear an interval; clearTimeout clears an interval too.
// Source: Node docs, clearTimeout()/clearInterval() (the two clear either kind of timer)
'use strict';
const log = console.log;
const iv = setInterval(() => log('never'), 50);
setTimeout(() => { log('timeout clears interval'); clearTimeout(iv); }, 1);
