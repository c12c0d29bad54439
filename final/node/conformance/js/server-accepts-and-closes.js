// A server keeps the loop alive until closed; a connection's data arrives in a callback.
// Source: Node docs, net.createServer(), server.close(); test/parallel/test-net-server-close.js
'use strict';
const log = console.log;
const net = require('net');
const server = net.createServer((conn) => {
  log('connection');
  conn.on('data', (d) => { log('data', String(d)); conn.end(); server.close(() => {}); });
});
server.listen(0, '127.0.0.1', () => {
  const c = net.connect(server.address().port, '127.0.0.1', () => c.end('hello'));
  c.on('error', () => {});
});
process.on('exit', (code) => log('exit', code));
