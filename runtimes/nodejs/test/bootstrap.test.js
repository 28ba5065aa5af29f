'use strict';
// Black-box tests of bootstrap.js: each test writes a function to a temp dir, starts the runtime on it as a child
// process on port 0, calls it over HTTP and kills it. Run with `node --test runtimes/nodejs/test/`.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const { EventEmitter } = require('node:events');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const BOOTSTRAP = path.join(__dirname, '..', 'bootstrap.js');
const TIMEOUT = { timeout: 15_000 }; // a missing log line fails the test instead of hanging the run

/**
 * Writes `files` ({ 'index.js': source }) to a fresh directory and starts the runtime on it. The child gets only
 * PATH and `env` (never the FC_* of whoever runs the tests), and is killed when the test ends.
 */
async function start(t, files, env = {}, nodeArgs = []) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-nodejs-'));
    for (const [name, source] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), source);
    }
    const child = spawn(process.execPath, [...nodeArgs.map((arg) => arg.replace('$DIR', dir)), BOOTSTRAP], {
        env: { PATH: process.env.PATH, FC_FUNC_CODE_PATH: dir, FC_SERVER_PORT: '0', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    t.after(() => {
        child.kill('SIGKILL');
        fs.rmSync(dir, { recursive: true, force: true });
    });
    const output = { stdout: '', stderr: '' };
    const changes = new EventEmitter();
    for (const stream of ['stdout', 'stderr']) {
        child[stream].setEncoding('utf8').on('data', (text) => {
            output[stream] += text;
            changes.emit('change');
        });
    }
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => {
        changes.emit('change');
        resolve({ code, signal });
    }));

    /** Resolves with the match once `pattern` appears in the stream: event-driven, no polling or sleeping. */
    function waitFor(pattern, stream = 'stdout') {
        return new Promise((resolve, reject) => {
            const check = () => {
                const match = pattern.exec(output[stream]);
                if (match) {
                    changes.off('change', check);
                    resolve(match);
                } else if (child.exitCode !== null || child.signalCode !== null) {
                    changes.off('change', check);
                    reject(new Error(`runtime exited before ${pattern} appeared:\n${output.stdout}\n${output.stderr}`));
                }
            };
            changes.on('change', check);
            check();
        });
    }

    const port = Number((await waitFor(/listening on 0\.0\.0\.0:(\d+)/))[1]);
    const url = `http://127.0.0.1:${port}`;

    /** One HTTP call; returns status, headers and the body as a Buffer, plus .json() and .text(). */
    async function call(method, urlPath, { body, headers = {} } = {}) {
        const response = await fetch(url + urlPath, { method, body, headers });
        const bytes = Buffer.from(await response.arrayBuffer());
        return {
            status: response.status,
            headers: response.headers,
            body: bytes,
            text: () => bytes.toString('utf8'),
            json: () => JSON.parse(bytes.toString('utf8')),
        };
    }
    const post = (urlPath, body, headers) => call('POST', urlPath, { body, headers });
    return { child, output, waitFor, exited, call, post };
}

/** Asserts a function error: 404, x-fc-status 404 and the FC error body; returns the body. */
function assertFunctionError(response, message) {
    assert.equal(response.status, 404, response.text());
    assert.equal(response.headers.get('x-fc-status'), '404');
    const body = response.json();
    assert.match(body.errorMessage, message);
    assert.equal(body.message, body.errorMessage);
    assert.ok(Array.isArray(body.stackTrace), 'stackTrace is a list of lines');
    assert.equal(typeof body.stack, 'string');
    assert.equal(typeof body.errorType, 'string');
    return body;
}

const count = (text, needle) => text.split(needle).length - 1;

test('initialize then invoke: the initializer runs first, markers are logged, the request id is echoed', TIMEOUT, async (t) => {
    const rt = await start(t, {
        'index.js': `
            let db = null;
            exports.initializer = (context, callback) => { db = 'connected by ' + context.requestId; callback(); };
            exports.handler = (event, context, callback) => callback(null, db + ', event ' + event);
        `,
    }, { FC_FUNCTION_HANDLER: 'index.handler', FC_FUNCTION_INITIALIZER: 'index.initializer' });

    const init = await rt.post('/initialize', undefined, { 'x-fc-request-id': 'init-1' });
    assert.equal(init.status, 200);
    assert.equal(init.headers.get('x-fc-request-id'), 'init-1');
    assert.equal(init.body.length, 0);

    const result = await rt.post('/invoke', 'hello', { 'x-fc-request-id': 'req-1' });
    assert.equal(result.status, 200);
    assert.equal(result.headers.get('content-type'), 'application/octet-stream');
    assert.equal(result.headers.get('x-fc-request-id'), 'req-1');
    assert.equal(result.headers.get('x-fc-status'), null);
    assert.equal(result.text(), 'connected by init-1, event hello');

    await rt.waitFor(/FC Invoke End RequestId: req-1/);
    const log = rt.output.stdout;
    for (const marker of ['FC Initialize Start RequestId: init-1', 'FC Initialize End RequestId: init-1',
        'FC Invoke Start RequestId: req-1']) {
        assert.ok(log.indexOf(marker) < log.indexOf('FC Invoke End RequestId: req-1'), marker);
    }

    const anonymous = await rt.post('/invoke', 'x');
    assert.match(anonymous.headers.get('x-fc-request-id'), /^local-[0-9a-f]+$/);
});

test('the initializer runs once, also when /initialize calls come concurrently', TIMEOUT, async (t) => {
    const rt = await start(t, {
        'index.js': `
            let runs = 0;
            exports.initializer = async () => { runs++; await new Promise((r) => setTimeout(r, 100)); };
            exports.handler = async () => ({ runs });
        `,
    }, { FC_FUNCTION_HANDLER: 'index.handler', FC_FUNCTION_INITIALIZER: 'index.initializer' });

    const concurrent = await Promise.all([1, 2, 3, 4, 5].map((i) => rt.post('/initialize', undefined, { 'x-fc-request-id': `i${i}` })));
    assert.deepEqual(concurrent.map((r) => r.status), [200, 200, 200, 200, 200]);
    assert.equal((await rt.post('/initialize')).status, 200);
    assert.deepEqual((await rt.post('/invoke', '')).json(), { runs: 1 });
});

test('a failed initializer is not re-run, its failure is repeated, and invoke is refused', TIMEOUT, async (t) => {
    const rt = await start(t, {
        'index.js': `
            exports.initializer = (context, callback) => {
                console.log('initializer ran');
                callback(new Error('database unreachable'));
            };
            exports.handler = (event, context, callback) => { console.log('handler ran'); callback(null, 'no'); };
        `,
    }, { FC_FUNCTION_HANDLER: 'index.handler', FC_FUNCTION_INITIALIZER: 'index.initializer' });

    const first = assertFunctionError(await rt.post('/initialize', undefined, { 'x-fc-request-id': 'i1' }), /database unreachable/);
    assert.equal(first.errorType, 'Error');
    assertFunctionError(await rt.post('/initialize', undefined, { 'x-fc-request-id': 'i2' }), /^database unreachable$/);
    const refused = assertFunctionError(await rt.post('/invoke', 'e', { 'x-fc-request-id': 'r1' }),
        /initializer index.initializer failed.*database unreachable/);
    assert.equal(refused.errorType, 'InitializationError');

    await rt.waitFor(/FC Invoke End RequestId: r1/);
    assert.equal(count(rt.output.stdout, 'initializer ran'), 1);
    assert.equal(count(rt.output.stdout, 'handler ran'), 0);
});

test('invoke before /initialize succeeded is refused without running the handler', TIMEOUT, async (t) => {
    const rt = await start(t, {
        'index.js': `
            exports.initializer = (context, callback) => callback();
            exports.handler = (event, context, callback) => callback(null, 'ran');
        `,
    }, { FC_FUNCTION_HANDLER: 'index.handler', FC_FUNCTION_INITIALIZER: 'index.initializer' });
    assertFunctionError(await rt.post('/invoke', 'e'), /has not run yet/);
    assert.equal((await rt.post('/initialize')).status, 200);
    assert.equal((await rt.post('/invoke', 'e')).text(), 'ran');
});

test('no initializer configured: /initialize answers 200', TIMEOUT, async (t) => {
    const rt = await start(t, { 'index.js': 'exports.handler = async () => "ok";' }, { FC_FUNCTION_HANDLER: 'index.handler' });
    assert.equal((await rt.post('/initialize')).status, 200);
    assert.equal((await rt.post('/invoke', '')).text(), 'ok');
});

test('handler styles and result types', TIMEOUT, async (t) => {
    const cases = [
        ['callback with a string', '(event, context, callback) => setTimeout(() => callback(null, "cb:" + event), 5)', 'cb:e'],
        ['async function', 'async (event) => "async:" + event.toString()', 'async:e'],
        ['returns a promise', '(event) => Promise.resolve("promise:" + event)', 'promise:e'],
        ['plain return without callback', '(event, context) => "sync:" + event', 'sync:e'],
        ['a Buffer, byte for byte', '(event, context, callback) => callback(null, Buffer.from([0, 1, 2, 255]))', Buffer.from([0, 1, 2, 255])],
        ['an object, as JSON', 'async () => ({ a: 1, b: [true, null], s: "é" })', '{"a":1,"b":[true,null],"s":"é"}'],
        ['a number, as JSON', '(event, context, callback) => callback(null, 42)', '42'],
        ['undefined, as an empty body', 'async () => undefined', ''],
        ['the event is a Buffer', 'async (event) => Buffer.isBuffer(event) + ":" + event.length', 'true:1'],
    ];
    for (const [name, handler, expected] of cases) {
        await t.test(name, async (st) => {
            const rt = await start(st, { 'index.js': `exports.handler = ${handler};` }, { FC_FUNCTION_HANDLER: 'index.handler' });
            const response = await rt.post('/invoke', 'e');
            assert.equal(response.status, 200, response.text());
            assert.deepEqual(response.body, Buffer.from(expected));
        });
    }
});

test('function errors: a throw, a rejection, a thrown string -> 404 with x-fc-status and the error body', TIMEOUT, async (t) => {
    const rt = await start(t, {
        'index.js': `
            exports.handler = async (event) => {
                const kind = event.toString();
                if (kind === 'throw') null.property;
                if (kind === 'reject') throw new RangeError('out of range');
                if (kind === 'string') throw 'just a string';
                return 'fine';
            };
        `,
    }, { FC_FUNCTION_HANDLER: 'index.handler' });

    const thrown = assertFunctionError(await rt.post('/invoke', 'throw'), /Cannot read properties of null/);
    assert.equal(thrown.errorType, 'TypeError');
    assert.match(thrown.stackTrace[0], /^at .*index\.js:\d+:\d+/);
    assert.ok(thrown.stackTrace.every((line) => !line.includes('bootstrap.js')), 'no runtime frames');
    assert.match(thrown.stack, /^TypeError: Cannot read properties of null/);

    const rejected = assertFunctionError(await rt.post('/invoke', 'reject'), /^out of range$/);
    assert.equal(rejected.errorType, 'RangeError');

    const text = assertFunctionError(await rt.post('/invoke', 'string'), /^just a string$/);
    assert.equal(text.errorType, 'String');
    assert.deepEqual(text.stackTrace, []);

    assert.equal((await rt.post('/invoke', 'ok')).text(), 'fine');
});

test('callback(err) with an Error subclass is a function error named after its class', TIMEOUT, async (t) => {
    const rt = await start(t, {
        'index.js': `
            class QuotaError extends Error {}
            exports.handler = (event, context, callback) => callback(new QuotaError('quota exceeded'));
        `,
    }, { FC_FUNCTION_HANDLER: 'index.handler' });
    const body = assertFunctionError(await rt.post('/invoke', ''), /^quota exceeded$/);
    assert.equal(body.errorType, 'QuotaError');
});

test('an uncaught exception or stray rejection fails its own call, and the process keeps serving', TIMEOUT, async (t) => {
    const rt = await start(t, {
        'index.js': `
            exports.handler = (event, context, callback) => {
                const kind = event.toString();
                if (kind === 'timer') setTimeout(() => { throw new Error('thrown in a timer'); }, 5);
                else if (kind === 'stray') setTimeout(() => { Promise.reject(new Error('nobody awaited me')); }, 5);
                else if (kind === 'slow') setTimeout(() => callback(null, 'unaffected'), 100);
                else callback(null, 'still here');
            };
        `,
    }, { FC_FUNCTION_HANDLER: 'index.handler' });

    const slow = rt.post('/invoke', 'slow'); // a call in flight meanwhile is not affected
    assertFunctionError(await rt.post('/invoke', 'timer', { 'x-fc-request-id': 'boom-1' }), /^thrown in a timer$/);
    assertFunctionError(await rt.post('/invoke', 'stray'), /^nobody awaited me$/);
    assert.equal((await slow).text(), 'unaffected');
    assert.equal((await rt.post('/invoke', 'ok')).text(), 'still here');
    assert.equal(rt.child.exitCode, null);
    await rt.waitFor(/boom-1 \[ERROR\] Error: thrown in a timer/, 'stderr');
});

test('HTTP trigger: method, path, queries, headers, body stream, status, headers and body of the response', TIMEOUT, async (t) => {
    const rt = await start(t, {
        'index.js': `
            exports.handler = (request, response, context) => {
                const chunks = [];
                request.on('data', (chunk) => chunks.push(chunk));
                request.on('end', () => {
                    console.log('body read in the stream listener');
                    response.setStatusCode(201);
                    response.setHeader('X-Echo', 'yes');
                    response.setHeader('x-doomed', 'no');
                    response.deleteHeader('X-Doomed');
                    response.send({
                        method: request.method, path: request.path, url: request.url, queries: request.queries,
                        headers: request.headers, clientIP: request.clientIP, body: Buffer.concat(chunks).toString(),
                        requestId: context.requestId, hasEcho: response.hasHeader('x-echo'),
                        hasDoomed: response.hasHeader('x-doomed'),
                    });
                });
            };
        `,
    }, { FC_FUNCTION_HANDLER: 'index.handler' });

    const response = await rt.call('PUT', '/users/7?a=1&b=2&b=3&c=x%20y', {
        body: 'payload',
        headers: {
            'x-fc-control-path': '/http-invoke', 'x-fc-request-id': 'http-1', 'X-Custom': 'v',
            'x-forwarded-for': '10.1.2.3, 127.0.0.1',
        },
    });
    assert.equal(response.status, 201, response.text());
    assert.equal(response.headers.get('x-echo'), 'yes');
    assert.equal(response.headers.get('x-doomed'), null);
    assert.equal(response.headers.get('x-fc-request-id'), 'http-1');
    assert.match(response.headers.get('content-type'), /^application\/json/);
    const seen = response.json();
    assert.equal(seen.method, 'PUT');
    assert.equal(seen.path, '/users/7');
    assert.equal(seen.url, '/users/7?a=1&b=2&b=3&c=x%20y');
    assert.deepEqual(seen.queries, { a: '1', b: ['2', '3'], c: 'x y' });
    assert.equal(seen.headers['x-custom'], 'v');
    assert.deepEqual(Object.keys(seen.headers).filter((name) => name.startsWith('x-fc-')), []);
    assert.equal(seen.clientIP, '10.1.2.3');
    assert.equal(seen.body, 'payload');
    assert.equal(seen.requestId, 'http-1');
    assert.equal(seen.hasEcho, true);
    assert.equal(seen.hasDoomed, false);
    await rt.waitFor(/ http-1 \[INFO\] body read in the stream listener/);
});

test('HTTP trigger: string and Buffer bodies, the client address, and a throwing handler', TIMEOUT, async (t) => {
    const rt = await start(t, {
        'index.js': `
            exports.handler = async (request, response) => {
                if (request.path === '/throw') throw new Error('http handler failed');
                if (request.path === '/bytes') return response.send(Buffer.from([1, 2, 3]));
                response.setHeader('content-type', 'text/plain');
                response.send(request.method + ' from ' + request.clientIP);
            };
        `,
    }, { FC_FUNCTION_HANDLER: 'index.handler' });
    const http = { 'x-fc-control-path': '/http-invoke' };

    const text = await rt.call('GET', '/hello', { headers: http });
    assert.equal(text.status, 200);
    assert.equal(text.headers.get('content-type'), 'text/plain');
    assert.equal(text.text(), 'GET from 127.0.0.1');

    // A path the runtime routes itself is still the client's path on an HTTP-trigger call.
    assert.deepEqual((await rt.call('POST', '/bytes', { headers: http, body: 'ignored' })).body, Buffer.from([1, 2, 3]));
    assert.equal((await rt.call('DELETE', '/invoke', { headers: http })).text(), 'DELETE from 127.0.0.1');

    assertFunctionError(await rt.call('GET', '/throw', { headers: http }), /^http handler failed$/);
});

test('console output during a call is tagged with its request id; output outside calls is not', TIMEOUT, async (t) => {
    const rt = await start(t, {
        'index.js': `
            console.log('module loading');
            exports.handler = async (event, context) => {
                console.log('hello %s', 'world');
                console.info({ answer: 42 });
                console.debug('details');
                console.warn('careful');
                console.error('bad');
                await new Promise((resolve) => setTimeout(resolve, 5));
                console.log('after await');
                context.logger.info('via context.logger');
                return 'done';
            };
        `,
    }, { FC_FUNCTION_HANDLER: 'index.handler' });
    assert.equal((await rt.post('/invoke', '', { 'x-fc-request-id': 'req-7' })).text(), 'done');
    await rt.waitFor(/FC Invoke End RequestId: req-7/);
    await rt.waitFor(/req-7 \[ERROR\] bad/, 'stderr');

    const time = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z';
    const { stdout, stderr } = rt.output;
    assert.match(stdout, /^module loading$/m);
    for (const lineText of ['[INFO] hello world', '[INFO] { answer: 42 }', '[DEBUG] details', '[INFO] after await',
        '[INFO] via context.logger']) {
        assert.match(stdout, new RegExp(`^${time} req-7 ${lineText.replace(/[[\]{}]/g, '\\$&')}$`, 'm'));
    }
    assert.match(stderr, new RegExp(`^${time} req-7 \\[WARN\\] careful$`, 'm'));
    assert.match(stderr, new RegExp(`^${time} req-7 \\[ERROR\\] bad$`, 'm'));
    assert.ok(stdout.indexOf('FC Invoke Start RequestId: req-7') < stdout.indexOf('hello world'));
    assert.ok(stdout.indexOf('after await') < stdout.indexOf('FC Invoke End RequestId: req-7'));
});

test('concurrent slow calls overlap in one process', TIMEOUT, async (t) => {
    const rt = await start(t, {
        'index.js': 'exports.handler = (event, context, callback) => setTimeout(() => callback(null, context.requestId), 300);',
    }, { FC_FUNCTION_HANDLER: 'index.handler' });
    await rt.post('/invoke', ''); // loads the module, so the timing below is only the calls
    const began = Date.now();
    const results = await Promise.all([0, 1, 2, 3, 4].map((i) => rt.post('/invoke', '', { 'x-fc-request-id': `c${i}` })));
    const elapsed = Date.now() - began;
    assert.deepEqual(results.map((r) => r.text()), ['c0', 'c1', 'c2', 'c3', 'c4']);
    assert.ok(elapsed < 1200, `5 calls of 300 ms took ${elapsed} ms`);
});

test('/specialize sets the environment the handler sees, once', TIMEOUT, async (t) => {
    const rt = await start(t, {
        'index.js': 'exports.handler = async () => `${process.env.GREETING}|${process.env.EMPTY}|${process.env.FC_SERVICE_NAME}`;',
    }); // a stem cell: no handler in the environment
    const form = { 'content-type': 'application/x-www-form-urlencoded', 'x-fc-request-id': 'spec-1' };
    const specialized = await rt.post('/specialize', 'GREETING=hello+there%21&EMPTY=&FC_SERVICE_NAME=svc', form);
    assert.equal(specialized.status, 200, specialized.text());
    await rt.waitFor(/FC Specialize End RequestId: spec-1/);

    const result = await rt.post('/invoke', '', { 'x-fc-function-handler': 'index.handler' });
    assert.equal(result.text(), 'hello there!||svc');
    assertFunctionError(await rt.post('/specialize', 'OTHER=1', form), /already specialized/);
});

test('a stem cell binds to the handler its first call names', TIMEOUT, async (t) => {
    const rt = await start(t, {
        'lib/app.js': 'exports.handler = async (event, context) => `app:${event}:${context.function.handler}`;',
        'index.js': 'exports.handler = async () => "index";',
    });
    assertFunctionError(await rt.post('/invoke', 'x'), /no handler configured/);
    const first = await rt.post('/invoke', 'x', { 'x-fc-function-handler': 'lib/app.handler' });
    assert.equal(first.text(), 'app:x:lib/app.handler');
    assert.equal((await rt.post('/invoke', 'y')).text(), 'app:y:lib/app.handler');
    assertFunctionError(await rt.post('/invoke', 'z', { 'x-fc-function-handler': 'index.handler' }),
        /bound to handler lib\/app.handler/);
});

test('a missing export or module is a function error that names it', TIMEOUT, async (t) => {
    const rt = await start(t, { 'index.js': 'exports.other = () => {};' });
    assertFunctionError(await rt.post('/invoke', '', { 'x-fc-function-handler': 'index.handler' }),
        /index exports no function "handler" \(its exports: other\)/);
    const missing = await start(t, {});
    assertFunctionError(await missing.post('/invoke', '', { 'x-fc-function-handler': 'nope.handler' }), /Cannot find module/);
});

test('the context carries the call headers, with numbers as numbers', TIMEOUT, async (t) => {
    const rt = await start(t, {
        'index.js': 'exports.handler = async (event, context) => ({ ...context, logger: typeof context.logger.info });',
    }, { FC_FUNCTION_HANDLER: 'index.handler', FC_REGION: 'cn-env' });
    const context = (await rt.post('/invoke', '', {
        'x-fc-request-id': 'ctx-1', 'x-fc-access-key-id': 'AK', 'x-fc-access-key-secret': 'SK', 'x-fc-security-token': 'ST',
        'x-fc-function-name': 'fn', 'x-fc-function-memory': '512', 'x-fc-function-timeout': '60',
        'x-fc-initialization-timeout': '10', 'x-fc-service-name': 'svc', 'x-fc-service-logproject': 'lp',
        'x-fc-service-logstore': 'ls', 'x-fc-qualifier': 'LATEST', 'x-fc-version-id': '3', 'x-fc-account-id': '123',
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    })).json();
    assert.deepEqual(context, {
        requestId: 'ctx-1',
        credentials: { accessKeyId: 'AK', accessKeySecret: 'SK', securityToken: 'ST' },
        function: { name: 'fn', handler: 'index.handler', memory: 512, timeout: 60, initializer: '', initializationTimeout: 10 },
        service: { name: 'svc', logProject: 'lp', logStore: 'ls', qualifier: 'LATEST', versionId: '3' },
        region: 'cn-env',
        accountId: '123',
        logger: 'function',
        retryCount: 0,
        tracing: {
            traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
            openTracingSpanContext: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
            openTracingSpanBaggages: {},
            jaegerEndpoint: '',
        },
    });
});

test('/pre-stop and /pre-freeze run the module\'s hooks, or answer 200 without one', TIMEOUT, async (t) => {
    const rt = await start(t, {
        'index.js': `
            exports.handler = async () => 'ok';
            exports.preStop = (context, callback) => { console.log('pre-stop ran'); callback(); };
            exports.cleanup = async () => { console.log('named hook ran'); };
        `,
    }, { FC_FUNCTION_HANDLER: 'index.handler' });
    assert.equal((await rt.call('GET', '/pre-freeze')).status, 200); // module not loaded yet, and no preFreeze
    await rt.post('/invoke', '');
    assert.equal((await rt.call('GET', '/pre-stop', { headers: { 'x-fc-request-id': 'stop-1' } })).status, 200);
    await rt.waitFor(/stop-1 \[INFO\] pre-stop ran/);
    await rt.waitFor(/FC PreStop End RequestId: stop-1/);
    const named = await rt.post('/pre-freeze', '', { 'x-fc-instance-lifecycle-pre-freeze-handler': 'index.cleanup' });
    assert.equal(named.status, 200);
    await rt.waitFor(/named hook ran/);
});

test('unknown paths and wrong methods are protocol errors without x-fc-status', TIMEOUT, async (t) => {
    const rt = await start(t, { 'index.js': 'exports.handler = async () => "ok";' }, { FC_FUNCTION_HANDLER: 'index.handler' });
    for (const urlPath of ['/', '/invokeX', '/invoke/more']) {
        const response = await rt.post(urlPath, 'x');
        assert.equal(response.status, 404);
        assert.equal(response.headers.get('x-fc-status'), null);
        assert.match(response.json().errorMessage, /unknown path .*expected: POST \/invoke/);
    }
    const wrongMethod = await rt.call('GET', '/invoke');
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.get('x-fc-status'), null);
    assert.equal((await rt.post('/invoke?x=1', '')).text(), 'ok'); // a query does not change the path
});

test('SIGTERM lets the running call finish, then the process exits 0', TIMEOUT, async (t) => {
    const rt = await start(t, {
        'index.js': 'exports.handler = (event, context, callback) => setTimeout(() => callback(null, "finished"), 300);',
    }, { FC_FUNCTION_HANDLER: 'index.handler' });
    const running = rt.post('/invoke', '', { 'x-fc-request-id': 'last' });
    await rt.waitFor(/FC Invoke Start RequestId: last/);
    rt.child.kill('SIGTERM');
    assert.equal((await running).text(), 'finished');
    assert.deepEqual(await rt.exited, { code: 0, signal: null });
});

/**
 * Loaded before the runtime (node --require): marks on stderr every write of stdout to its pipe, the writes the
 * engine's log copier wakes up for.
 */
const COUNT_WRITES = `
    const out = process.stdout;
    for (const name of ['_write', '_writev']) {
        const original = out[name];
        if (typeof original !== 'function') continue;
        out[name] = function (...args) {
            process.stderr.write('[stdout write]\\n');
            return original.apply(this, args);
        };
    }
`;

test('the lines of one turn leave in one write: a call\'s markers and its output, in their order', TIMEOUT, async (t) => {
    const rt = await start(t, {
        'count-writes.js': COUNT_WRITES,
        'index.js': 'exports.handler = (event, context, callback) => { console.log("working on", event.toString()); callback(null, "ok"); };',
    }, { FC_FUNCTION_HANDLER: 'index.handler' }, ['--require', '$DIR/count-writes.js']);
    await rt.post('/invoke', 'warm-up', { 'x-fc-request-id': 'w' }); // loads the module
    await rt.waitFor(/FC Invoke End RequestId: w\n/);
    const before = count(rt.output.stderr, '[stdout write]');

    assert.equal((await rt.post('/invoke', 'a', { 'x-fc-request-id': 'one' })).text(), 'ok');
    await rt.waitFor(/FC Invoke End RequestId: one\n/);

    assert.equal(count(rt.output.stderr, '[stdout write]') - before, 1, rt.output.stderr);
    const log = rt.output.stdout.slice(rt.output.stdout.indexOf('FC Invoke Start RequestId: one'));
    assert.match(log, /^FC Invoke Start RequestId: one\n\S+ one \[INFO\] working on a\nFC Invoke End RequestId: one\n$/);
});

test('a line written just before the process exits is not lost', TIMEOUT, async (t) => {
    const rt = await start(t, { 'index.js': 'exports.handler = () => "ok";' }, { FC_FUNCTION_HANDLER: 'index.handler' });
    rt.child.kill('SIGTERM'); // idle: the stopping line and process.exit(0) come in the same turn

    assert.deepEqual(await rt.exited, { code: 0, signal: null });
    assert.match(rt.output.stdout, /SIGTERM, stopping after 0 running call\(s\)/);
});

test('a caller that hangs up in the middle of its body ends the call, with the reason in the log', TIMEOUT, async (t) => {
    const rt = await start(t, { 'index.js': 'exports.handler = (event, context, callback) => callback(null, "ok");' },
        { FC_FUNCTION_HANDLER: 'index.handler' });
    const port = new URL((await rt.waitFor(/listening on 0\.0\.0\.0:(\d+)/))[0].replace('listening on ', 'http://')).port;
    const socket = require('node:net').connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.on('connect', resolve));
    socket.end('POST /invoke HTTP/1.1\r\nHost: x\r\nx-fc-request-id: cut\r\nContent-Length: 10\r\n\r\nabc');

    await rt.waitFor(/FC Invoke End RequestId: cut\n/);
    assert.match(rt.output.stderr, /cut \[ERROR\] Error: aborted/);
});

test('an invalid port is refused with a clear message', TIMEOUT, async (t) => {
    const child = spawn(process.execPath, [BOOTSTRAP], { env: { PATH: process.env.PATH, FC_SERVER_PORT: 'http' } });
    t.after(() => child.kill('SIGKILL'));
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text) => { stderr += text; });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    assert.equal(code, 2);
    assert.match(stderr, /FC_SERVER_PORT: http \(expected: a port number 0-65535\)/);
});

// ---------------------------------------------------------------------------------------------------------------
// Standalone (SLUICE_STANDALONE): no platform in front, as in an image exported for Knative

const COUNTING_EVENT = {
    'index.js': `
        let initialized = 0;
        exports.initializer = (context, callback) => { initialized++; callback(null, ''); };
        exports.fail = async () => { throw new Error('cannot reach the database'); };
        exports.stuck = () => new Promise(() => {});
        exports.handler = async (event) => 'initialized ' + initialized + ' time(s); event ' + event;
        exports.http = (request, response) => {
            response.setStatusCode(201);
            response.send(request.method + ' ' + request.path + ' ' + JSON.stringify(request.queries) + ' '
                + JSON.stringify(Object.keys(request.headers).filter((h) => h.startsWith('x-')).sort()));
        };
    `,
};

/** Starts the runtime standalone and resolves when it exits, with its status and what it printed. */
function runUntilExit(t, env) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-nodejs-'));
    fs.writeFileSync(path.join(dir, 'index.js'), COUNTING_EVENT['index.js']);
    const child = spawn(process.execPath, [BOOTSTRAP], {
        env: { PATH: process.env.PATH, FC_FUNC_CODE_PATH: dir, FC_SERVER_PORT: '0', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    t.after(() => {
        child.kill('SIGKILL');
        fs.rmSync(dir, { recursive: true, force: true });
    });
    const output = { stdout: '', stderr: '' };
    child.stdout.setEncoding('utf8').on('data', (text) => { output.stdout += text; });
    child.stderr.setEncoding('utf8').on('data', (text) => { output.stderr += text; });
    return new Promise((resolve) => child.on('close', (code) => resolve({ code, ...output })));
}

test('standalone event mode runs the initializer before listening and takes a plain POST as the event', TIMEOUT, async (t) => {
    const rt = await start(t, COUNTING_EVENT, {
        SLUICE_STANDALONE: 'event', FC_FUNCTION_HANDLER: 'index.handler', FC_FUNCTION_INITIALIZER: 'index.initializer',
    });

    const reply = await rt.post('/', 'ping');
    const asInit = await rt.post('/initialize', 'again', { 'x-fc-control-path': '/initialize' });
    const get = await rt.call('GET', '/');

    assert.equal(reply.status, 200);
    assert.equal(reply.text(), 'initialized 1 time(s); event ping');
    assert.match(reply.headers.get('x-fc-request-id'), /^local-/);
    assert.equal(asInit.text(), 'initialized 1 time(s); event again');
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'POST');
    const initEnd = rt.output.stdout.indexOf('FC Initialize End RequestId: init-');
    assert.ok(initEnd >= 0 && initEnd < rt.output.stdout.indexOf('listening on'), rt.output.stdout);
});

test('standalone http mode hands every request to the HTTP handler without the client\'s x-fc headers', TIMEOUT, async (t) => {
    const rt = await start(t, COUNTING_EVENT, { SLUICE_STANDALONE: 'http', FC_FUNCTION_HANDLER: 'index.http' });

    const reply = await rt.call('PUT', '/api/rule?x=1', {
        body: 'b', headers: { 'x-fc-control-path': '/invoke', 'x-fc-access-key-secret': 's', 'x-custom': 'kept' },
    });

    assert.equal(reply.status, 201);
    assert.equal(reply.text(), 'PUT /api/rule {"x":"1"} ["x-custom"]');
});

test('standalone, a failing initializer ends the process before the port opens', TIMEOUT, async (t) => {
    const { code, stdout, stderr } = await runUntilExit(t, {
        SLUICE_STANDALONE: 'http', FC_FUNCTION_HANDLER: 'index.http', FC_FUNCTION_INITIALIZER: 'index.fail',
    });

    assert.equal(code, 1);
    assert.doesNotMatch(stdout, /listening on/);
    assert.match(stderr, /\[ERROR\] Error: cannot reach the database/);
    assert.match(stderr, /cannot reach the database; not listening, so this instance never becomes ready/);
});

test('standalone, an initializer past its timeout ends the process before the port opens', TIMEOUT, async (t) => {
    const { code, stdout, stderr } = await runUntilExit(t, {
        SLUICE_STANDALONE: 'event', FC_FUNCTION_HANDLER: 'index.handler', FC_FUNCTION_INITIALIZER: 'index.stuck',
        FC_INITIALIZATION_TIMEOUT: '1',
    });

    assert.equal(code, 1);
    assert.doesNotMatch(stdout, /listening on/);
    assert.match(stderr, /initializer index\.stuck did not finish within 1 s; not listening/);
});

test('an unknown standalone mode is refused with a clear message', TIMEOUT, async (t) => {
    const { code, stderr } = await runUntilExit(t, { SLUICE_STANDALONE: 'events' });

    assert.equal(code, 2);
    assert.match(stderr, /SLUICE_STANDALONE: events \(expected: http or event\)/);
});
