// ref() after unref() keeps the loop alive again, until close.
// Source: Node docs, server.ref(); test/parallel/test-net-server-unref-persistent.js
'use strict';
const log = console.log;
const server = require('net').createServer(() => {});
server.listen(0, '127.0.0.1');
server.unref(); server.ref();
setTimeout(() => { log('closing'); server.close(); }, 5);
process.on('exit', (code) => log('exit', code));
