// Clearing a timer that has fired, or clearing twice, does nothing.
// Source: Node docs, clearTimeout(); test/parallel/test-timers-clear-null-does-not-throw-error.js
'use strict';
const log = console.log;
const t = setTimeout(() => {
  log('fired');
  clearTimeout(t); clearTimeout(t); clearTimeout(null);
  setTimeout(() => log('after'), 1);
}, 1);
