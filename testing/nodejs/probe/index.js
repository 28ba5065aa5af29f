'use strict';
// Reports what an instance sees of its environment, as JSON (the Java runtime's twin is EnvironmentProbe): user,
// working directory, environment, whether /tmp and HOME take files and Unix sockets, the size of /tmp, the memory
// limit, and whether modules resolve from /code/node_modules. Also served as a custom container's own server.
const fs = require('fs');
const net = require('net');
const path = require('path');

function writes(dir) {
    try {
        const file = path.join(dir, `probe-${process.pid}.txt`);
        fs.writeFileSync(file, 'written');
        fs.unlinkSync(file);
        return true;
    } catch (e) {
        return false;
    }
}

function listens(dir) {
    const socket = path.join(dir, `probe-${process.pid}.sock`);
    return new Promise((resolve) => {
        const server = net.createServer();
        server.on('error', () => resolve(false));
        server.listen(socket, () => server.close(() => resolve(true)));
    });
}

function memoryLimitMb() {
    for (const file of ['/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory/memory.limit_in_bytes']) {
        try {
            const value = fs.readFileSync(file, 'utf8').trim();
            return value === 'max' ? -1 : Math.floor(Number(value) / (1024 * 1024));
        } catch (e) {
            // Try the next layout.
        }
    }
    return -1;
}

function dependency() {
    try {
        return require('probe-dep').name;
    } catch (e) {
        return null;
    }
}

async function report() {
    const tmp = fs.statfsSync('/tmp');
    return {
        uid: process.getuid(),
        cwd: process.cwd(),
        env: process.env,
        tmpWritable: writes('/tmp'),
        tmpSocket: await listens('/tmp'),
        homeWritable: Boolean(process.env.HOME) && writes(process.env.HOME),
        tmpMb: Math.floor((tmp.blocks * tmp.bsize) / (1024 * 1024)),
        memoryLimitMb: memoryLimitMb(),
        codeWritable: writes('/code'),
        dependency: dependency(),
    };
}

exports.handler = (event, context, callback) => {
    report().then((r) => callback(null, JSON.stringify(r)), callback);
};

// Configured only so that the initializer's variables are set.
exports.initializer = (context, callback) => callback(null, '');

exports.report = report;
