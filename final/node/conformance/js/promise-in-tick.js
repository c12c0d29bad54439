// A microtask queued in a nextTick waits for the rest of the nextTick queue.
// Source: Node lib/internal/process/task_queues.js processTicksAndRejections
'use strict';
const log = console.log;
process.nextTick(() => {
  log('tick 1');
  Promise.resolve().then(() => log('promise from tick 1'));
  process.nextTick(() => log('tick 3, queued by tick 1'));
});
process.nextTick(() => log('tick 2'));
