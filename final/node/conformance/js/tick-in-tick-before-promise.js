// A nextTick queued by a nextTick still runs before the microtask queue: the whole nextTick queue is emptied first.
// Source: Node lib/internal/process/task_queues.js processTicksAndRejections; test/parallel/test-next-tick-ordering2.js
'use strict';
const log = console.log;
Promise.resolve().then(() => log('promise'));
process.nextTick(() => { log('tick 1'); process.nextTick(() => log('tick 2')); });
