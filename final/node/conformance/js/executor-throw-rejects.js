// An executor that throws rejects its promise.
// Source: ECMAScript 27.2.3.1 Promise(executor), step 10
'use strict';
const log = console.log;
new Promise(() => { throw new Error('in executor'); }).catch((e) => log('caught', e.message));
