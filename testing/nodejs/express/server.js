'use strict';
// The same app as its own server, the way FC 3.0 runs Express: a custom runtime started with `node server.js`.
const { app } = require('./index.js');

app.listen(Number(process.env.FC_SERVER_PORT || 9000), '0.0.0.0');
