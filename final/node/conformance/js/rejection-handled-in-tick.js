// A handler attached in a nextTick is in time: rejections are looked at after both queues are empty.
// Source: Node lib/internal/process/promises.js processPromiseRejections, called from processTicksAndRejections
'use strict';
const log = console.log;
const p = Promise.reject(new Error('late but in time'));
process.nextTick(() => p.catch((e) => log('caught', e.message)));
