// process.exit() called from a microtask ends the process there: the microtasks queued after it never run.
// Source: Node docs, process.exit() ('exit as quickly as possible even if there are still asynchronous operations pending'); lib/internal/process/per_thread.js exit() calls process.reallyExit
'use strict';
const log = console.log;
process.on('exit', (code) => log('exit', code));
queueMicrotask(() => { log('microtask 1 exits'); process.exit(3); });
queueMicrotask(() => log('never microtask 2'));
Promise.resolve().then(() => log('never promise'));
