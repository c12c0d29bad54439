// An interval above 2^31-1 ms repeats every 1 ms, with the warning.
// Source: Node docs, setInterval; test/parallel/test-timers-max-duration-warning.js
'use strict';
const log = console.log;
let n = 0;
const iv = setInterval(() => { log('interval', ++n); if (n === 3) clearInterval(iv); }, 2 ** 31);
