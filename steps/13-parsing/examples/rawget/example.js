// The rawget example (main.go) written for real Node.js:
//
//   cd final/examples/rawget && DELAY_SERVER=127.0.0.1:8080 node example.js
//
// DELAY_SERVER is the address of the delay server (start one with
// go run ./internal/delayserver/cmd/delayserver -addr 127.0.0.1:8080).
// Each GET opens a socket with the net module, writes the request
// http.GetSlow writes, and keeps every byte until the server ends the
// connection, as the step's GetSlow does. The "Event with id" lines are
// our runtime's; they are printed here where it prints them.
'use strict';
const net = require('net');
const { log } = require('../trace.js');

const server = process.env.DELAY_SERVER;
if (!server) {
  console.error('example.js: set DELAY_SERVER to the delay server\'s ip:port');
  process.exit(2);
}
const colon = server.lastIndexOf(':');
let lastId = 0;

function get(name, query) {
  log(`GET ${name}`);
  const url = `example.com/${query}`;
  const socket = net.connect(Number(server.slice(colon + 1)), server.slice(0, colon), () => {
    socket.write(`GET /delay/20/url/http://${url} HTTP/1.1\r\n` +
      `Host: ${server}\r\nConnection: close\r\n\r\n`);
  });
  const chunks = [];
  socket.on('data', (chunk) => chunks.push(chunk));
  socket.on('end', () => {
    const s = Buffer.concat(chunks).toString('latin1');
    const first = s.split('\r\n', 1)[0];
    log(`${name}: ${s.length} bytes, ${JSON.stringify(first)}`);
  });
  socket.on('error', (err) => log(`${name}: error: ${err.message}`));
  log(`Event with id: ${++lastId} registered.`);
}

get('plain', '');
get('pieces', '?answer=pieces&pause=20');
get('chunked', '?answer=chunked&pause=5');
process.on('exit', (code) => {
  if (code === 0) log('FINISHED');
});
