'use strict';
// The no-op function functions-framework serves in bench/peers.sh.
exports.noop = (req, res) => res.send('ok');
