'use strict';
// The no-op FC event function Sluice serves in bench/peers.sh: no work, so what is measured is the platform.
exports.handler = (event, context, callback) => callback(null, 'ok');
