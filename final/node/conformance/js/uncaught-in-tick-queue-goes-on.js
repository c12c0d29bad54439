// With a handler, a throwing nextTick is reported and the rest of the nextTick queue still runs.
// Source: Node lib/internal/process/task_queues.js; docs, 'uncaughtException'
'use strict';
const log = console.log;
process.on('uncaughtException', (e) => log('handler', e.message));
process.nextTick(() => { throw new Error('tick 1'); });
process.nextTick(() => log('tick 2'));
