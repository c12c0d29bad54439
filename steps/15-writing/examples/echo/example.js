// The echo example (main.go) written for Node:
//
//   cd final/examples/echo && node example.js
//
// The server is net.createServer; the clients are net.connect sockets on
// the same loop (main.go's are goroutines of their own), printed under
// their own names so that trace.spec, checked on main's lines, judges
// both programs. FINISHED is the line our runtime prints at the end.
'use strict';
const net = require('net');
const { log, print } = require('../trace.js');

process.on('exit', (code) => {
  if (code === 0) log('FINISHED');
});

const bigSize = 8 << 20;

// ANCHOR: server
let served = 0;
const server = net.createServer((c) => {
  log('accepted a connection');
  let head = Buffer.alloc(0);
  let name = '';
  let total = 0;
  c.on('data', (data) => {
    if (name === '') {
      head = Buffer.concat([head, data.subarray(0, 16)]);
      const i = head.indexOf(':');
      if (i >= 0) name = head.subarray(0, i).toString();
    }
    total += data.length;
    c.write(data); // false when it had to queue: the socket is full
  });
  c.on('end', () => {
    log(`${name} ended after ${total} bytes; closing once the echo is sent`);
    c.write('', () => { // runs once every earlier write is sent
      log(`${name}: echo sent, connection closed`);
      c.destroy();
      if (++served === 3) {
        server.close();
        log('served three clients; server closed');
      }
    });
  });
  c.on('error', (err) => log(`read failed: ${err.message}`));
});
server.listen(0, '127.0.0.1', () => {
  log('listening');
  startClients(server.address().port);
});
// ANCHOR_END: server

// ANCHOR: clients
// client3 sends bigSize bytes, ends its side, and reads nothing (pause)
// until client1 and client2 have their echo.
function startClients(port) {
  const big = Buffer.alloc(bigSize, 'x');
  big.write('client3:');
  const c3 = exchange(port, big, (got) => {
    print('client3', `got back ${got.length} bytes, the same: ${got.equals(big)}`);
  });
  c3.pause();
  c3.on('sent', () => {
    print('client3', `sent ${big.length} bytes; reads nothing until the others have their echo`);
    let waiting = 2;
    for (const name of ['client1', 'client2']) {
      exchange(port, Buffer.from(`${name}: hello`), (got) => {
        print(name, `got back ${JSON.stringify(got.toString())}`);
        if (--waiting === 0) {
          print('client3', 'starts reading');
          c3.resume();
        }
      });
    }
  });
}

// exchange connects, sends msg, ends its side (the socket emits 'sent'
// once msg is handed to the OS), and calls done with all it read.
function exchange(port, msg, done) {
  const chunks = [];
  const s = net.connect(port, '127.0.0.1', () => {
    s.end(msg, () => s.emit('sent'));
  });
  s.on('data', (d) => chunks.push(d));
  s.on('end', () => done(Buffer.concat(chunks)));
  s.on('error', (err) => print('client', err.message));
  return s;
}
// ANCHOR_END: clients
