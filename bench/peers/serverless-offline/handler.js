'use strict';
// The no-op Lambda handler serverless-offline serves in bench/peers.sh.
exports.noop = async () => ({ statusCode: 200, body: 'ok' });
