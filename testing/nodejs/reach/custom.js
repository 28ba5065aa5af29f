'use strict';
// The reach check as a custom runtime's server on FC_SERVER_PORT: POST /invoke with {"host", "port"}.
const http = require('http');
const { reach } = require('./index.js');

http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (req.url !== '/invoke') return res.end();
    const { host, port } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    reach(host, port).then((result) => res.end(result));
  });
}).listen(Number(process.env.FC_SERVER_PORT || 9000), '0.0.0.0');
