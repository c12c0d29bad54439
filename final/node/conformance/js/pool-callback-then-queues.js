// After a pool callback, its nextTick and microtasks run before the check phase.
// Source: Node docs, 'The Node.js Event Loop' (poll then check); lib/internal/process/task_queues.js
'use strict';
const log = console.log;
require('fs').readFile(__filename, () => {
  setImmediate(() => log('immediate'));
  Promise.resolve().then(() => log('promise'));
  process.nextTick(() => log('nextTick'));
  log('pool callback');
});
