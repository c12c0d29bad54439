// The hello example (main.go) written for real Node.js:
//
//   cd final/examples/hello && node example.js
//
// A net server answers two clients, each of which sends one line and
// ends its side; after two it closes. The clients run on Node's one
// thread too (Node has no other), but print under their own names, as
// main.go's goroutines do.
'use strict';
const net = require('net');
const { log, print } = require('../trace.js');

let served = 0;
const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  log('accepted a connection');
  const chunks = [];
  socket.on('data', (chunk) => chunks.push(chunk));
  socket.on('end', () => {
    const [name, line] = Buffer.concat(chunks).toString().split(': ');
    log(`${name} says ${JSON.stringify(line)}`);
    socket.on('close', () => log(`${name}: connection closed`));
    socket.end(`hello, ${name}`);
    if (++served === 2) {
      server.close(() => log('server closed'));
    }
  });
  socket.on('error', (err) => log(`read failed: ${err.message}`));
});

function client(port, name) {
  const conn = net.connect(port, '127.0.0.1', () => conn.end(`${name}: hi`));
  const chunks = [];
  conn.on('data', (chunk) => chunks.push(chunk));
  conn.on('end', () => print(name, `got back ${JSON.stringify(Buffer.concat(chunks).toString())}`));
  conn.on('error', (err) => print(name, err.message));
}

server.listen(0, '127.0.0.1', () => {
  log('listening');
  for (const name of ['client1', 'client2']) {
    client(server.address().port, name);
  }
});
process.on('exit', (code) => {
  if (code === 0) log('FINISHED');
});
