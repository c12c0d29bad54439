// The timers example (main.go) written for Node:
//
//   cd final/examples/timers && node example.js
//
// It prints main.go's lines, including the two our runtime prints itself
// ("Registered timer event id: N" when setTimeout is called, FINISHED at
// the end), so that trace.spec judges both programs on main's lines.
'use strict';
const fs = require('fs');
const { log } = require('../trace.js');

// Ids count as our runtime counts them: every timer, interval and pool
// task takes the next one, from 1.
let lastId = 0;
function setTimeoutLogged(cb, ms) {
  log(`Registered timer event id: ${++lastId}`);
  return setTimeout(cb, ms);
}
process.on('exit', (code) => {
  if (code === 0) log('FINISHED');
});

// ANCHOR: program
log('program starts');
setTimeoutLogged(() => log('1 ms timeout'), 1);
setTimeoutLogged(() => log('0 ms timeout, which is 1 ms'), 0);
setImmediate(() => log('immediate set by the program'));

let calls = 0;
lastId++;
const interval = setInterval(() => {
  calls++;
  log(`interval call ${calls}`);
  if (calls === 3) {
    clearInterval(interval);
  }
}, 10);
const never = setTimeoutLogged(() => log('cleared timeout (never printed)'), 15);
setTimeoutLogged(() => {
  log('clearing the 15 ms timeout');
  clearTimeout(never);
}, 12);

const late = setTimeoutLogged(() => log('refreshed 30 ms timeout'), 30);
setTimeoutLogged(() => {
  log('refreshing the 30 ms timeout');
  late.refresh();
}, 20);
setTimeoutLogged(() => log('40 ms timeout'), 40);

setTimeoutLogged(() => log("unref'd timeout (never printed)"), 10000).unref();

lastId++;
fs.readFile(__filename, (err) => {
  if (err) {
    log(`Error: ${err.message}`);
    return;
  }
  log('file read');
  setTimeoutLogged(() => log("0 ms timeout set by the read's callback"), 0);
  setImmediate(() => log("immediate set by the read's callback"));
});
log('program ends');
// ANCHOR_END: program
