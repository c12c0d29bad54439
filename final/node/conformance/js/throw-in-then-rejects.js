// A handler that throws rejects the promise then returned.
// Source: ECMAScript 27.2.2.1 NewPromiseReactionJob (abrupt completion)
'use strict';
const log = console.log;
Promise.resolve().then(() => { throw new Error('thrown'); }).catch((e) => log('caught', e.message));
