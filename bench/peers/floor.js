'use strict';
// The floor of bench/peers.sh: the least a Node.js server can do per request. Usage: node floor.js PORT
const http = require('node:http');
http.createServer((req, res) => {
    req.resume(); // a POST body must be read for the connection to be kept
    req.on('end', () => res.end('ok'));
}).listen(Number(process.argv[2]), '127.0.0.1');
