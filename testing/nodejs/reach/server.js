'use strict';
// A service for the isolation tests: accepts connections on port 7000 and says hello.
require('net')
  .createServer((socket) => {
    // The isolation tests close as soon as they are connected; writing to a socket the peer reset raises an error,
    // which, unhandled, would end this process and leave the service restarting under the next test.
    socket.on('error', () => {});
    socket.end('hello\n');
  })
  .listen(7000, '0.0.0.0');
