// queueMicrotask and promise reactions share one FIFO queue.
// Source: Node docs, queueMicrotask(); ECMAScript HostEnqueuePromiseJob
'use strict';
const log = console.log;
queueMicrotask(() => log('microtask a'));
Promise.resolve().then(() => log('promise b'));
queueMicrotask(() => log('microtask c'));
