// An immediate cleared by an earlier immediate of the same check phase does not run.
// Source: Node docs, clearImmediate(); test/parallel/test-timers-clearImmediate.js
'use strict';
const log = console.log;
let second;
setImmediate(() => { log('first clears second'); clearImmediate(second); });
second = setImmediate(() => log('never'));
setImmediate(() => log('third'));
