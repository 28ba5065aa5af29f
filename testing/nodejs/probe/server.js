'use strict';
// The probe as a custom container's own HTTP server on FC_SERVER_PORT: any request answers the report.
const http = require('http');
const { report } = require('./index.js');

const port = Number(process.env.FC_SERVER_PORT || 9000);
http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
        if (req.url === '/initialize') return res.end();
        report().then((r) => res.end(JSON.stringify(r)));
    });
}).listen(port, '0.0.0.0');
