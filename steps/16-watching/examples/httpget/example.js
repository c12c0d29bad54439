// The httpget example (main.go) written for real Node.js:
//
//   cd final/examples/httpget && DELAY_SERVER=127.0.0.1:8080 node example.js
//
// DELAY_SERVER is the address of the delay server (start one with
// go run ./internal/delayserver/cmd/delayserver -addr 127.0.0.1:8080).
// Each GET sends the request http.GetSlow sends, and prints what main.go
// prints. Node's parser (llhttp) reads the answer as it comes, whatever
// its framing, and tells an answer cut short ('aborted', ECONNRESET) from
// bytes that are not HTTP (HPE_INVALID_CONSTANT). The "Event with id"
// lines are our runtime's; they are printed here where it prints them.
'use strict';
const http = require('http');
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
  let called = false;
  const once = (line) => {
    if (!called) {
      called = true;
      log(`${name}: ${line}`);
    }
  };
  const req = http.get({
    host: server.slice(0, colon),
    port: server.slice(colon + 1),
    path: `/delay/20/url/http://example.com/${query}`,
    headers: { Host: server, Connection: 'close' },
  }, (res) => {
    const chunks = [];
    res.on('data', (chunk) => chunks.push(chunk));
    res.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      once(`${res.statusCode} ${res.statusMessage}, body ${JSON.stringify(body)}`);
    });
    res.on('error', (err) => once(err.code === 'ECONNRESET' ?
      'error: the answer stops short' : `error: ${err.message}`));
  });
  req.on('error', (err) => once(err.code === 'HPE_INVALID_CONSTANT' ?
    'error: not an HTTP answer' : `error: ${err.message}`));
  log(`Event with id: ${++lastId} registered.`);
}

get('plain', '');
get('pieces', '?answer=pieces&pause=20');
get('chunked', '?answer=chunked&pause=5');
get('early', '?answer=early');
get('garbage', '?answer=garbage');
process.on('exit', (code) => {
  if (code === 0) log('FINISHED');
});
