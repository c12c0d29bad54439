// A nextTick queued by a microtask runs after the whole microtask queue, including microtasks queued meanwhile.
// Source: Node lib/internal/process/task_queues.js (runMicrotasks, then the loop goes round)
'use strict';
const log = console.log;
queueMicrotask(() => {
  log('microtask 1');
  process.nextTick(() => log('tick from microtask 1'));
  queueMicrotask(() => log('microtask 3, queued by microtask 1'));
});
queueMicrotask(() => log('microtask 2'));
