// After process.exit(), promise jobs queued by 'exit' listeners never run: exit emits 'exit' and then ends the process, with no microtask checkpoint.
// Source: Node lib/internal/process/per_thread.js exit() (process.emit('exit', ...) then process.reallyExit(...))
'use strict';
const log = console.log;
process.on('exit', (code) => {
  log('exit 1', code);
  Promise.resolve().then(() => log('never promise from exit 1'));
});
process.on('exit', (code) => {
  log('exit 2', code);
  queueMicrotask(() => log('never microtask from exit 2'));
});
setTimeout(() => process.exit(0), 1);
