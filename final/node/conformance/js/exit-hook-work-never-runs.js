// Work scheduled in an exit listener never runs (but V8 still empties its microtask queue after the listener).
// Source: Node docs, process event 'exit' ('must only perform synchronous operations')
'use strict';
const log = console.log;
process.on('exit', (code) => {
  log('exit', code);
  setTimeout(() => log('never timeout'), 0);
  process.nextTick(() => log('never nextTick'));
  Promise.resolve().then(() => log('promise, run by the microtask checkpoint'));
});
