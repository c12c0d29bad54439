// A handler that returns a promise delays its chain by two jobs (NewPromiseResolveThenableJob, then the reaction).
// Source: ECMAScript 27.2.1.3.2 Promise Resolve Functions, 27.2.2.2 NewPromiseResolveThenableJob
'use strict';
const log = console.log;
Promise.resolve().then(() => { log(0); return Promise.resolve(4); }).then((v) => log(v));
Promise.resolve().then(() => log(1)).then(() => log(2)).then(() => log(3))
  .then(() => log(5)).then(() => log(6));
