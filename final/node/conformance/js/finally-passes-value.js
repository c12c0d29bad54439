// finally runs its callback and passes the value on, through a promise of its own (extra jobs).
// Source: ECMAScript 27.2.5.3 Promise.prototype.finally (thenFinally, valueThunk)
'use strict';
const log = console.log;
Promise.resolve('v').finally(() => log('finally')).then((v) => log('then', v));
Promise.resolve().then(() => log('x1')).then(() => log('x2')).then(() => log('x3')).then(() => log('x4'));
