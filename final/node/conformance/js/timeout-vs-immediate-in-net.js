// Inside a connection's callback (I/O), the immediate runs before a 0 ms timeout.
// Source: Node docs, 'The Node.js Event Loop' (within an I/O cycle)
'use strict';
const log = console.log;
const net = require('net');
const server = net.createServer((conn) => {
  conn.on('data', () => {
    setTimeout(() => log('timeout'), 0);
    setImmediate(() => log('immediate'));
    conn.destroy(); server.close();
  });
});
server.listen(0, '127.0.0.1', () => {
  const c = net.connect(server.address().port, '127.0.0.1', () => c.end('x'));
  c.on('error', () => {});
});
