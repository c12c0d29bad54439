// A handler attached in a timer is too late: the rejection has ended the run.
// Source: Node docs, 'unhandledRejection' event; --unhandled-rejections=throw
'use strict';
const log = console.log;
const p = Promise.reject(new Error('too late'));
process.on('exit', (code) => log('exit', code));
setTimeout(() => p.catch(() => log('never')), 1);
