// The errors example (main.go) written for real Node.js:
//
//   cd final/examples/errors && node example.js; echo "status $?"
//
// Node prints none of our runtime's own lines; the two timer
// registrations are printed here where main.go's runtime prints them, so
// that trace.spec, checked on main's lines, judges both programs.
'use strict';
const fs = require('fs');
const { log } = require('../trace.js');

let lastId = 0;
const nextId = () => ++lastId;
const setTimeoutLogged = (ms, cb) => {
  log(`Registered timer event id: ${nextId()}`);
  return setTimeout(cb, ms);
};

log('Reading missing.txt');
nextId(); // fs.Read's callback takes an id in our runtime
fs.readFile('missing.txt', 'utf8', (err, text) => {
  if (err && err.code === 'ENOENT') {
    log('fs.Read failed: no such file (ENOENT)');
    return;
  }
  log(`fs.Read: ${text}`);
});


process.on('uncaughtException', (err) => {
  log(`Caught: ${err.message}`);
});
process.on('exit', (code) => {
  log(`Exiting with code ${code}`);
});

setTimeoutLogged(10, () => {
  log('The first timer panics');
  throw new Error('something went wrong');
});
setTimeoutLogged(20, () => {
  log('The second timer still runs, and sets the exit code');
  process.exitCode = 3;
});
