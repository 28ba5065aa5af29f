'use strict';
// The no-op FC event function Sluice serves in bench/peers.sh: no work, so what is measured is the platform.
exports.handler = (event, context, callback) => callback(null, 'ok');
// The same behind an HTTP trigger: FC's (request, response, context) signature.
exports.http = (request, response) => response.send('ok');
