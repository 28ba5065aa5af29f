'use strict';
// An Express app as FC users deploy it: static files and a JSON API behind @webserverless/fc-express, which runs
// the app on a Unix socket under /tmp and proxies each HTTP-trigger call to it.
const path = require('path');
const express = require('express');
const { Server } = require('@webserverless/fc-express');

const app = express();
app.use(express.static(path.join(__dirname, 'public')));
app.get('/api/hello', (req, res) => {
    res.json({ hello: req.query.name || 'world', path: req.path, function: process.env.FC_FUNCTION_NAME });
});
app.post('/api/echo', express.json(), (req, res) => {
    res.status(201).json({ received: req.body });
});

const server = new Server(app);

// For FC 3.0's custom runtime, which starts the app's own server (server.js) instead.
exports.app = app;

exports.handler = (req, resp, context) => {
    server.httpProxy(req, resp, context);
};
