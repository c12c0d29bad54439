// An interval repeats until cleared, from inside its own callback.
// Source: Node docs, setInterval() and clearInterval()
'use strict';
const log = console.log;
let n = 0;
const iv = setInterval(() => { log('interval', ++n); if (n === 3) clearInterval(iv); }, 2);
