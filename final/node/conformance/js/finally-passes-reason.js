// finally after a rejection runs and passes the reason on to the next catch.
// Source: ECMAScript 27.2.5.3 Promise.prototype.finally (catchFinally, thrower)
'use strict';
const log = console.log;
Promise.reject(new Error('r')).finally(() => log('finally')).catch((e) => log('catch', e.message));
