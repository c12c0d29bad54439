// process.exit ends the run at once: pending timers, immediates and ticks never run; beforeExit does not fire; exit does.
// Source: Node docs, process.exit(); test/parallel/test-process-exit.js
'use strict';
const log = console.log;
process.on('beforeExit', () => log('never beforeExit'));
process.on('exit', (code) => log('exit', code));
setTimeout(() => log('never timeout'), 1);
setImmediate(() => log('never immediate'));
process.nextTick(() => { log('nextTick'); process.exit(0); log('never after exit'); });
process.nextTick(() => log('never second nextTick'));
