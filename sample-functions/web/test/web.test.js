'use strict';
// Tests of the web function's handler, called with fake FC request and response objects as the nodejs20 runtime
// would call it. Run with `node --test sample-functions/web/test/`.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { EventEmitter } = require('node:events');
const fs = require('node:fs');
const path = require('node:path');

const { handler } = require('../index.js');

const PUBLIC = path.join(__dirname, '..', 'public');
const INDEX_HTML = fs.readFileSync(path.join(PUBLIC, 'index.html'));

/** Calls the handler like the runtime does; resolves with what it sent: { status, headers, body }. */
function serve(method, urlPath, headers = {}) {
    return new Promise((resolve) => {
        const request = Object.assign(new EventEmitter(), { method, path: urlPath, queries: {}, headers });
        const sent = { status: 200, headers: {} };
        const response = {
            setStatusCode: (code) => { sent.status = code; },
            setHeader: (name, value) => { sent.headers[name.toLowerCase()] = value; },
            send: (body) => resolve({ ...sent, body: body === undefined ? Buffer.alloc(0) : Buffer.from(body) }),
        };
        handler(request, response, {});
        process.nextTick(() => request.emit('end'));
    });
}

test('root serves index.html as uncached html', async () => {
    const reply = await serve('GET', '/');
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(reply.headers['cache-control'], 'no-cache');
    assert.deepEqual(reply.body, INDEX_HTML);
});

test('a path that names no file serves index.html', async () => {
    for (const urlPath of ['/todos', '/todos/42/', '/index']) {
        const reply = await serve('GET', urlPath);
        assert.equal(reply.status, 200, urlPath);
        assert.equal(reply.headers['content-type'], 'text/html; charset=utf-8', urlPath);
        assert.deepEqual(reply.body, INDEX_HTML, urlPath);
    }
});

test('assets are served with their content types', async () => {
    const expected = {
        '/app.js': 'text/javascript; charset=utf-8',
        '/style.css': 'text/css; charset=utf-8',
        '/favicon.svg': 'image/svg+xml',
        '/index.html': 'text/html; charset=utf-8',
    };
    for (const [urlPath, type] of Object.entries(expected)) {
        const reply = await serve('GET', urlPath);
        assert.equal(reply.status, 200, urlPath);
        assert.equal(reply.headers['content-type'], type, urlPath);
        assert.deepEqual(reply.body, fs.readFileSync(path.join(PUBLIC, urlPath)), urlPath);
    }
});

test('percent-encoded paths are decoded', async () => {
    const reply = await serve('GET', '/%61pp.js');
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['content-type'], 'text/javascript; charset=utf-8');
});

test('dot-dot paths never leave public', async () => {
    const escapes = ['/../index.js', '/%2e%2e/index.js', '/..%2findex.js', '/%2E%2E%2Findex.js', '/public/../../index.js',
        '/../test/web.test.js', '/../../../../etc/passwd', '/..', '/%2e%2e'];
    for (const urlPath of escapes) {
        const reply = await serve('GET', urlPath);
        assert.equal(reply.status, 404, urlPath);
        assert.doesNotMatch(reply.body.toString(), /exports\.handler|root:/, urlPath);
    }
});

test('dot-dot inside public resolves within it', async () => {
    const reply = await serve('GET', '/nested/../app.js');
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['content-type'], 'text/javascript; charset=utf-8');
});

test('a missing asset with an extension is 404', async () => {
    const reply = await serve('GET', '/nope.css');
    assert.equal(reply.status, 404);
    assert.match(reply.body.toString(), /not found: \/nope\.css/);
});

test('a malformed escape is 400', async () => {
    const reply = await serve('GET', '/%E0%A4%A');
    assert.equal(reply.status, 400);
});

test('other methods are 405 with allow', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
        const reply = await serve(method, '/');
        assert.equal(reply.status, 405, method);
        assert.equal(reply.headers.allow, 'GET, HEAD', method);
    }
});

test('head has the headers but no body', async () => {
    const reply = await serve('HEAD', '/app.js');
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(reply.headers['cache-control'], 'no-cache');
    assert.equal(reply.body.length, 0);

    const page = await serve('HEAD', '/todos');
    assert.equal(page.status, 200);
    assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(page.body.length, 0);
});

test('a matching etag is 304 without a body', async () => {
    const first = await serve('GET', '/style.css');
    assert.match(first.headers.etag, /^"[\w-]+"$/);
    const again = await serve('GET', '/style.css', { 'if-none-match': `"other", ${first.headers.etag}` });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    const changed = await serve('GET', '/style.css', { 'if-none-match': '"other"' });
    assert.equal(changed.status, 200);
});

test('the page allows only its own origin', async () => {
    const reply = await serve('GET', '/');
    assert.match(reply.headers['content-security-policy'], /default-src 'self'/);
    assert.equal(reply.headers['x-content-type-options'], 'nosniff');
});

test('the page carries the hooks its browser test uses', () => {
    const html = INDEX_HTML.toString();
    for (const id of ['username', 'password', 'login', 'register', 'logout', 'current-user', 'new-name', 'new-desc',
        'add', 'todo-list', 'message', 'empty']) {
        assert.match(html, new RegExp(`id="${id}"`), id);
    }
    const script = fs.readFileSync(path.join(PUBLIC, 'app.js'), 'utf8');
    for (const hook of ["'todo'", "'todo-name'", "'todo-status'", "'todo-delete", 'dataset.key', 'dataset.loading',
        'dataset.state']) {
        assert.ok(script.includes(hook), hook);
    }
});
