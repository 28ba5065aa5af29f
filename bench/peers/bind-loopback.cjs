'use strict';
// Preloaded with `node --require` into functions-framework, which has no host option and would listen on every
// interface: a listen(port) without a host binds 127.0.0.1 instead. Request handling is untouched.
const net = require('node:net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
    if (typeof args[0] === 'number' && typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1');
    return listen.apply(this, args);
};
