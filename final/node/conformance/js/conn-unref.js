// An unref'd connection that is reading does not keep the loop alive.
// Source: Node docs, socket.unref() (the program may exit if this is its only active socket)
'use strict';
const log = console.log;
const net = require('net');
const server = net.createServer((conn) => {
  log('connection'); conn.unref(); server.close(); conn.on('data', () => log('never'));
});
server.listen(0, '127.0.0.1', () => {
  const c = net.connect(server.address().port, '127.0.0.1');
  c.unref(); c.on('error', () => {});
});
process.on('exit', (code) => log('exit', code));
