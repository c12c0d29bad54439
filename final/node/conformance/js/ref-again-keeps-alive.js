// ref() after unref() makes the timer keep the loop alive again.
// Source: Node docs, timeout.ref(); test/parallel/test-timers-unref.js
'use strict';
const log = console.log;
setTimeout(() => log('fired'), 2).unref().ref();
