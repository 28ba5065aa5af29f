'use strict';
// Says whether this instance can open a TCP connection to the host and port in the event ({"host", "port"}):
// "open", or "unreachable: <why>". Network isolation is tested with it, as an FC Node.js function and (through
// bootstrap and custom.js) as a custom runtime.
const net = require('net');

function reach(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const answer = (result) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(1500, () => answer('unreachable: no answer in 1.5 s'));
    socket.on('connect', () => answer('open'));
    socket.on('error', (e) => answer(`unreachable: ${e.code}`));
  });
}

exports.reach = reach;

exports.handler = (event, context, callback) => {
  const { host, port } = JSON.parse(event.toString('utf8'));
  reach(host, port).then((result) => callback(null, result));
};
