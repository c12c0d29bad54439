// process.exit() inside an 'exit' listener ends the process at once with its code: later listeners and the listener's promise jobs never run.
// Source: Node lib/internal/process/per_thread.js exit() (process._exiting is already true, so no second 'exit'; process.reallyExit at once)
'use strict';
const log = console.log;
process.on('exit', (code) => {
  log('exit 1', code);
  Promise.resolve().then(() => log('never promise'));
  process.exit(4);
  log('never after exit');
});
process.on('exit', (code) => log('never exit 2', code));
