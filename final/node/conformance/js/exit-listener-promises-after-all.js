// On a natural end, promise jobs queued by 'exit' listeners run once, after every listener (one microtask checkpoint); nextTick queues nothing then.
// Source: Node src/api/hooks.cc EmitProcessExit (one ProcessEmit(env, "exit", code), a MakeCallback whose scope runs the microtasks on close); lib/internal/process/task_queues.js nextTick ('if (process._exiting) return')
'use strict';
const log = console.log;
process.on('exit', (code) => {
  log('exit 1', code);
  Promise.resolve().then(() => {
    log('promise from exit 1');
    Promise.resolve().then(() => log('promise queued by that promise'));
    process.nextTick(() => log('never nextTick'));
  });
});
process.on('exit', (code) => {
  log('exit 2', code);
  queueMicrotask(() => log('microtask from exit 2'));
});
