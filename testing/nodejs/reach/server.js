'use strict';
// A service for the isolation tests: accepts connections on port 7000 and says hello.
require('net').createServer((socket) => socket.end('hello\n')).listen(7000, '0.0.0.0');
