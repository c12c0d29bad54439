// The program of main.go, for node: cd final/examples/queues && node example.js
'use strict';
const { log } = require('../trace.js');

// The runtime's own lines, which node does not print: "Registered timer
// event id" and FINISHED are printed here.
let lastId = 0;
const setTimeoutLogged = (cb, ms) => {
  setTimeout(cb, ms);
  log(`Registered timer event id: ${++lastId}`);
};
process.on('exit', (code) => { if (code === 0) log('FINISHED'); });

// ANCHOR: program
log('program starts');
queueMicrotask(() => {
  log('microtask 1');
  process.nextTick(() => log('nextTick queued by microtask 1'));
});
process.nextTick(() => {
  log('nextTick 1');
  process.nextTick(() => log('nextTick queued by nextTick 1'));
  queueMicrotask(() => log('microtask queued by nextTick 1'));
});
Promise.resolve('done').then((v) => log(`promise reaction: ${v}`));
setTimeoutLogged(() => {
  log('timeout A');
  process.nextTick(() => log('nextTick queued by timeout A'));
}, 5);
setTimeoutLogged(() => log('timeout B'), 5);
log('program ends');
// ANCHOR_END: program
