'use strict';
/**
 * The todo app's web page: an FC HTTP function that serves the files of `public/` for GET and HEAD.
 *
 * 1. The files are read once, when the module loads (the code directory is read-only and small), and kept in
 *    memory with their content type and ETag. A request never touches the file system.
 * 2. A path is percent-decoded, joined to `public/` and normalized; one that lands outside `public/` is 404.
 * 3. A path that names no file: 404 when it has a file extension (a missing asset), else `index.html`, so that
 *    the page's own paths load the page (single-page fallback).
 * 4. Every reply is `cache-control: no-cache` with an ETag: browsers revalidate and get 304 while nothing changed.
 *    The file names carry no version, so a cached `app.js` must never outlive the `index.html` it belongs with.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const PUBLIC = path.join(__dirname, 'public');

const TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.ico': 'image/x-icon',
    '.png': 'image/png',
    '.json': 'application/json; charset=utf-8',
};

/** Files under `public/` by their path relative to it, with `/` separators: 'index.html', 'app.js'. */
const FILES = new Map();

function load(dir) {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            load(full);
        } else if (entry.isFile()) {
            const body = fs.readFileSync(full);
            FILES.set(path.relative(PUBLIC, full).split(path.sep).join('/'), {
                body,
                type: TYPES[path.extname(entry.name).toLowerCase()] || 'application/octet-stream',
                etag: `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
            });
        }
    }
}

load(PUBLIC);
const INDEX = FILES.get('index.html');
if (INDEX === undefined) throw new Error(`${PUBLIC}/index.html is missing: the page cannot be served`);

/** Returns the file a URL path names, INDEX for a page path, or null when it is outside `public/` or missing. */
function resolve(urlPath) {
    const full = path.join(PUBLIC, decodeURIComponent(urlPath)); // join normalizes: '..' is resolved here
    if (full !== PUBLIC && !full.startsWith(PUBLIC + path.sep)) return null;
    const file = FILES.get(path.relative(PUBLIC, full).split(path.sep).join('/'));
    if (file !== undefined) return file;
    return path.extname(full) === '' ? INDEX : null;
}

function sendText(response, status, text) {
    response.setStatusCode(status);
    response.setHeader('content-type', 'text/plain; charset=utf-8');
    response.send(`${text}\n`);
}

exports.handler = (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.setHeader('allow', 'GET, HEAD');
        sendText(response, 405, `method ${request.method} not allowed (expected: GET or HEAD)`);
        return;
    }
    const urlPath = request.path || '/';
    let file;
    try {
        file = resolve(urlPath);
    } catch (error) {
        if (!(error instanceof URIError)) throw error;
        sendText(response, 400, `bad path: ${urlPath} is not valid percent-encoding`);
        return;
    }
    if (file === null) {
        sendText(response, 404, `not found: ${urlPath}`);
        return;
    }
    response.setHeader('content-type', file.type);
    response.setHeader('cache-control', 'no-cache');
    response.setHeader('etag', file.etag);
    response.setHeader('x-content-type-options', 'nosniff');
    if (file === INDEX) response.setHeader('content-security-policy', "default-src 'self'; frame-ancestors 'none'");
    const ifNoneMatch = (request.headers && request.headers['if-none-match']) || '';
    if (ifNoneMatch.split(',').some((tag) => tag.trim() === file.etag)) {
        response.setStatusCode(304);
        response.send();
        return;
    }
    response.setStatusCode(200);
    response.send(request.method === 'HEAD' ? undefined : file.body);
};
