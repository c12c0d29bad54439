// A catch handler's return value fulfills the chain again.
// Source: ECMAScript 27.2.5.1 Promise.prototype.catch
'use strict';
const log = console.log;
Promise.reject(new Error('bad')).then(() => log('skipped'))
  .catch((e) => { log('caught', e.message); return 'recovered'; })
  .then((v) => log('then', v));
