// Each reaction of a chain is one job: two chains interleave step by step.
// Source: ECMAScript 27.2.5.4 PerformPromiseThen, NewPromiseReactionJob
'use strict';
const log = console.log;
Promise.resolve().then(() => log('a1')).then(() => log('a2')).then(() => log('a3'));
Promise.resolve().then(() => log('b1')).then(() => log('b2'));
