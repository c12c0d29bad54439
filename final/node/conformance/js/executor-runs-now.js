// A promise's executor runs at once, inside the constructor; its reactions later.
// Source: ECMAScript 27.2.3.1 Promise(executor)
'use strict';
const log = console.log;
const p = new Promise((resolve) => { log('executor'); resolve('v'); });
p.then((v) => log('then', v));
log('after new Promise');
