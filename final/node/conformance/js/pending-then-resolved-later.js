// Reactions added to a pending promise run, in order, when it settles.
// Source: ECMAScript 27.2.1.4 FulfillPromise, TriggerPromiseReactions
'use strict';
const log = console.log;
let resolve;
const p = new Promise((r) => { resolve = r; });
p.then((v) => log('first', v));
p.then((v) => log('second', v));
setTimeout(() => { log('timeout'); resolve('v'); }, 1);
