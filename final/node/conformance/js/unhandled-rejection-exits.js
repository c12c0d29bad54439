// A rejection with no handler ends the run with status 1 (Node >= 15); the exit event gets code 1.
// Source: Node docs, process 'unhandledRejection' and --unhandled-rejections=throw (default since v15); test/parallel/test-promise-unhandled-throw.js
'use strict';
const log = console.log;
process.on('exit', (code) => log('exit', code));
setTimeout(() => log('never'), 10);
Promise.reject(new Error('nobody catches this'));
log('program');
