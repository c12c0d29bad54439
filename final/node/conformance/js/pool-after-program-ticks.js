// A pool callback never runs before the program's nextTicks and microtasks.
// Source: Node docs, fs callbacks are asynchronous; process.nextTick
'use strict';
const log = console.log;
require('fs').readFile(__filename, () => log('pool callback'));
Promise.resolve().then(() => log('promise'));
process.nextTick(() => log('nextTick'));
