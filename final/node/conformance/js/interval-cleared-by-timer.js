// Another timer can clear an interval; clearTimeout clears an interval too.
// Source: Node docs, clearInterval/clearTimeout ('can be used interchangeably'); test/parallel/test-timers-clearImmediate-als...
'use strict';
const log = console.log;
const iv = setInterval(() => log('never'), 50);
setTimeout(() => { log('timeout clears interval'); clearTimeout(iv); }, 1);
