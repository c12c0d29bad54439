// A failing pool call gets an error as its first argument, after the program.
// Source: Node docs, 'Error-first callbacks'; test/parallel/test-fs-readfile-error.js
'use strict';
const log = console.log;
require('fs').readFile('/no/such/file', (err) => log('callback, error:', err !== null));
log('program');
