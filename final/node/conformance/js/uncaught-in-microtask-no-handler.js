// A microtask that throws with no uncaughtException handler ends the process with status 1: 'exit' gets 1, the microtasks queued behind it never run.
// Source: Node lib/internal/process/execution.js createOnGlobalUncaughtException (no listener: emit 'exit' with kGenericUserError, return false, and C++ ends the process)
'use strict';
const log = console.log;
process.on('exit', (code) => log('exit', code));
queueMicrotask(() => { log('microtask 1 throws'); throw new Error('boom'); });
queueMicrotask(() => log('never microtask 2'));
setTimeout(() => log('never timeout'), 1);
