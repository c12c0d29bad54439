// An unref'd server does not keep the loop alive.
// Source: Node docs, server.unref(); test/parallel/test-net-server-unref.js; libuv test/test-ref.c (tcp_ref2)
'use strict';
const log = console.log;
const server = require('net').createServer(() => log('never'));
server.listen(0, '127.0.0.1');
server.unref();
process.on('exit', (code) => log('exit', code));
