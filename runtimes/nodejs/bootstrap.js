#!/usr/bin/env node
'use strict';
/*
 * Sluice's runtime for Function Compute Node.js functions, run inside the function's container.
 *
 * An HTTP server speaking FC's runtime protocol (POST /invoke, POST /initialize, GET|POST /pre-stop and /pre-freeze,
 * POST /specialize, and HTTP-trigger calls marked `x-fc-control-path: /http-invoke`) that calls the functions in
 * FC_FUNC_CODE_PATH with FC's Node.js signatures. It runs on every cold start, so it uses core modules only and
 * does nothing before the first call that the first call can do: the function's module is loaded on first use.
 *
 * Every call runs in an AsyncLocalStorage scope (`calls`) holding its request id and a way to fail it. That scope
 * tags console output with the request id and lets an uncaught exception or unhandled rejection fail the call it
 * came from instead of killing a process that other calls are running in.
 *
 * One file of about 700 lines on purpose: the image copies exactly this file next to `node`, with no
 * node_modules, so nothing here may need resolving from anywhere else.
 */
const http = require('http');
const path = require('path');
const util = require('util');
const { AsyncLocalStorage } = require('async_hooks');

const DEFAULT_PORT = 9000;
const DEFAULT_CODE_PATH = '/code';
/** FC's defaults for the function and initializer timeouts (s) and FC2's default memory (MB). */
const DEFAULT_TIMEOUT_S = 3;
const DEFAULT_MEMORY_MB = 128;
/** Longer than the platform's pooled connections stay idle, so the runtime is never the side that drops one. */
const KEEP_ALIVE_MS = 30_000;
/** How long SIGTERM waits for running calls before exiting anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

const OCTETS = 'application/octet-stream';
const JSON_TYPE = 'application/json; charset=utf-8';
const EMPTY = Buffer.alloc(0);

/** The scope of the call (or initializer run) that the current code belongs to: { requestId, fail(error) }. */
const calls = new AsyncLocalStorage();

// ---------------------------------------------------------------------------------------------------------------
// Configuration

function nonBlank(value) {
    if (value === undefined || value === null) return null;
    const text = String(value).trim();
    return text === '' ? null : text;
}

/** Reads the container's environment once; handler and initializer may be absent (a stem cell binds on first call). */
function readConfig(env) {
    let port = DEFAULT_PORT;
    // FC_SERVER_PORT is what older FC images and most community code read; newer docs name the other one.
    for (const name of ['FC_SERVER_PORT', 'FC_CUSTOM_LISTEN_PORT']) {
        const value = nonBlank(env[name]);
        if (value !== null) {
            port = Number(value);
            if (!/^\d+$/.test(value) || port > 65535) {
                throw new Error(`${name}: ${value} (expected: a port number 0-65535)`);
            }
            break;
        }
    }
    const standalone = nonBlank(env.SLUICE_STANDALONE);
    if (standalone !== null && standalone !== 'http' && standalone !== 'event') {
        throw new Error(`SLUICE_STANDALONE: ${standalone} (expected: http or event)`);
    }
    return {
        port,
        codePath: path.resolve(nonBlank(env.FC_FUNC_CODE_PATH) || DEFAULT_CODE_PATH),
        handler: nonBlank(env.FC_FUNCTION_HANDLER),
        initializer: nonBlank(env.FC_FUNCTION_INITIALIZER),
        standalone,
    };
}

let config; // set by main()

// ---------------------------------------------------------------------------------------------------------------
// Logging

/**
 * Output written in one turn of the event loop leaves in one write, at the end of the turn. Stdout is a pipe to the
 * engine's log copier, which wakes up for every write; with a write per line, copying two markers per call cost the
 * engine more CPU than the call itself. Everything on stdout (markers, tagged console output, the function's own
 * writes) goes through the same held-back stream, so the order of lines is kept.
 */
let holding = false;

function holdOutput() {
    if (holding) return;
    holding = true;
    process.stdout.cork();
    setImmediate(releaseOutput);
}

function releaseOutput() {
    if (!holding) return;
    holding = false;
    process.stdout.uncork();
}

/** Writes one runtime line (the FC ... Start/End markers). Stdout to a pipe or file is synchronous on Linux. */
function line(text) {
    holdOutput();
    process.stdout.write(text + '\n');
}

/** Writes one function log line: `<ISO time> <requestId> [LEVEL] message`; warnings and errors go to stderr. */
function logLine(level, requestId, args) {
    const stream = level === 'WARN' || level === 'ERROR' ? process.stderr : process.stdout;
    if (stream === process.stdout) holdOutput();
    stream.write(`${new Date().toISOString()} ${requestId} [${level}] ${util.format(...args)}\n`);
}

/** Makes console output written during a call carry that call's request id; outside calls it stays as it was. */
function tagConsole() {
    const levels = { log: 'INFO', info: 'INFO', debug: 'DEBUG', warn: 'WARN', error: 'ERROR' };
    for (const [method, level] of Object.entries(levels)) {
        const untagged = console[method];
        console[method] = function (...args) {
            const call = calls.getStore();
            if (call === undefined) {
                untagged.apply(console, args);
            } else {
                logLine(level, call.requestId, args);
            }
        };
    }
}

/** FC's context.logger: tags with its own call's id even from code that lost the async scope. */
function makeLogger(requestId) {
    const at = (level) => (...args) => logLine(level, requestId, args);
    return { debug: at('DEBUG'), info: at('INFO'), log: at('INFO'), warn: at('WARN'), error: at('ERROR') };
}

// ---------------------------------------------------------------------------------------------------------------
// Errors

/** A handler refused because the initializer has not succeeded (the Java runtime's InitializationException). */
class InitializationError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = 'InitializationError';
    }
}

function isErrorLike(value) {
    // Duck-typed: errors from vm contexts or other realms are not `instanceof Error` here.
    return value instanceof Error || (value !== null && typeof value === 'object' && typeof value.message === 'string');
}

/** Returns { type, message, stack } for anything a function may fail with: an Error, a string, an object. */
function describe(error) {
    if (isErrorLike(error)) {
        const constructorName = error.constructor && error.constructor.name;
        // `class MyError extends Error {}` keeps name 'Error'; its class says more.
        const type = typeof error.name === 'string' && error.name !== '' && error.name !== 'Error'
            ? error.name
            : constructorName || 'Error';
        const message = error.message === '' ? type : String(error.message);
        const stack = typeof error.stack === 'string' ? error.stack : `${type}: ${message}`;
        return { type, message, stack };
    }
    // callback('text'), or a promise rejected with a non-Error
    const type = error === undefined || error === null ? String(error) : Object(error).constructor?.name || typeof error;
    let message;
    try {
        message = typeof error === 'string' ? error : JSON.stringify(error) ?? String(error);
    } catch {
        message = util.inspect(error);
    }
    return { type, message, stack: message };
}

/** Frames of the runtime and of Node's internals that called the function: users want their own frames. */
function isRuntimeFrame(frame) {
    return frame.includes(__filename) || frame.includes('node:internal/');
}

/**
 * Returns the `at ...` lines of the function's frames, cut where the runtime's frames begin (a trace that starts in
 * them, such as a module that was not found, is kept whole), then `Caused by:` sections for `error.cause`.
 */
function stackTrace(error) {
    const lines = [];
    let current = error;
    for (let depth = 0; isErrorLike(current) && depth < 10; depth++) {
        if (depth > 0) {
            const { type, message } = describe(current);
            lines.push(`Caused by: ${type}: ${message}`);
        }
        const frames = String(current.stack || '').split('\n').map((l) => l.trim()).filter((l) => l.startsWith('at '));
        const cut = frames.findIndex((frame, i) => i > 0 && isRuntimeFrame(frame));
        lines.push(...(cut < 0 || isRuntimeFrame(frames[0]) ? frames : frames.slice(0, cut)));
        current = current.cause === current ? null : current.cause;
    }
    return lines;
}

/**
 * The function-error body. It carries both shapes, like the Java runtime's ErrorBody: errorMessage / errorType /
 * stackTrace (what FC shows callers) and message / stack (FC's canonical custom-runtime body).
 */
function errorBody(error) {
    const { type, message, stack } = describe(error);
    return JSON.stringify({ errorMessage: message, errorType: type, stackTrace: stackTrace(error), message, stack });
}

/** A function error: 404 and `x-fc-status: 404`, how the platform tells a failure from an error-looking result. */
function functionErrorReply(error) {
    return { status: 404, headers: { 'x-fc-status': '404', 'content-type': JSON_TYPE }, body: Buffer.from(errorBody(error)) };
}

/** A protocol error (the caller broke the protocol; the function did nothing): no x-fc-status. */
function protocolErrorReply(status, message, headers = {}) {
    return { status, headers: { ...headers, 'content-type': JSON_TYPE }, body: Buffer.from(JSON.stringify({ errorMessage: message })) };
}

// ---------------------------------------------------------------------------------------------------------------
// The function's code

/** Splits `lib/app.handler` into the file `lib/app` and the export `handler`. */
function parseName(what, name) {
    const dot = name.lastIndexOf('.');
    if (dot <= 0 || dot === name.length - 1) {
        throw new Error(`${what} "${name}": expected file.export, e.g. index.handler`);
    }
    return { file: name.slice(0, dot), exportName: name.slice(dot + 1) };
}

/** file -> promise of its exports. A failed load is kept too: the module's top level runs at most once. */
const modules = new Map();

function loadModule(file) {
    let loading = modules.get(file);
    if (loading === undefined) {
        // Outside any call's scope: the module's top level (timers, pools) belongs to no single request.
        loading = calls.exit(() => requireOrImport(path.resolve(config.codePath, file)));
        modules.set(file, loading);
    }
    return loading;
}

async function requireOrImport(base) {
    try {
        return require(base);
    } catch (error) {
        // ES modules (`index.mjs`, or `.js` under "type": "module") may not be requirable; import them instead.
        const { pathToFileURL } = require('url');
        if (error.code === 'ERR_REQUIRE_ESM' || error.code === 'ERR_REQUIRE_ASYNC_MODULE') {
            return import(pathToFileURL(require.resolve(base)).href);
        }
        if (error.code === 'MODULE_NOT_FOUND' && require('fs').existsSync(base + '.mjs')) {
            return import(pathToFileURL(base + '.mjs').href);
        }
        throw error;
    }
}

/** Returns { fn, self } for `file.export`; self is the module's exports, the `this` FC calls it with. */
async function resolveFunction(what, name) {
    const { file, exportName } = parseName(what, name);
    const exports = await loadModule(file);
    for (const self of [exports, exports && exports.default]) {
        if (self && typeof self[exportName] === 'function') return { fn: self[exportName], self };
    }
    const names = exports ? Object.keys(exports).join(', ') : '';
    throw new Error(`${what} ${name}: ${file} exports no function "${exportName}" (its exports: ${names || 'none'})`);
}

/** Handlers already found, by name: a warm call takes its handler without waiting for a module lookup. */
const handlers = new Map();

function handlerFor(name) {
    const found = handlers.get(name);
    if (found !== undefined) return found;
    return resolveFunction('handler', name).then((target) => {
        handlers.set(name, target);
        return target;
    });
}

/**
 * A promise with a guard: only the first of succeed() and fail() counts, and fail() says whether it did (an
 * uncaught error that comes after the end is only logged).
 */
function outcome() {
    let succeed;
    let fail;
    const promise = new Promise((resolve, reject) => {
        let settled = false;
        const once = (how) => (value) => {
            if (settled) return false;
            settled = true;
            how(value);
            return true;
        };
        succeed = once(resolve);
        fail = once(reject);
    });
    return { promise, succeed, fail };
}

function isThenable(value) {
    return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof value.then === 'function';
}

/**
 * Calls fn(...args, callback) and settles with whichever comes first: callback(err, result) or the promise fn
 * returns. A function that takes no callback parameter and returns no promise is done when it returns.
 */
function callFunction({ fn, self }, args) {
    return new Promise((resolve, reject) => {
        const callback = (error, result) => (error !== undefined && error !== null ? reject(error) : resolve(result));
        const returned = fn.apply(self, [...args, callback]); // a throw here rejects the promise
        if (isThenable(returned)) {
            returned.then(resolve, reject);
        } else if (fn.length <= args.length) {
            resolve(returned);
        }
    });
}

// ---------------------------------------------------------------------------------------------------------------
// Binding, initializer and context

/** The handler and initializer this process serves: the environment's, else those the first call named. */
const bound = { handler: null, initializer: null };

function bindOne(what, fromEnv, current, header) {
    if (fromEnv !== null) return fromEnv; // the environment is authoritative; headers only bind a stem cell
    const asked = nonBlank(header);
    if (current === null || asked === null || asked === current) return current === null ? asked : current;
    throw new Error(`this instance is bound to ${what} ${current} by its first call, but this call names ${asked}`);
}

function bind(headers) {
    const handler = bindOne('handler', config.handler, bound.handler, headers['x-fc-function-handler']);
    const initializer = bindOne('initializer', config.initializer, bound.initializer, headers['x-fc-function-initializer']);
    bound.handler = handler;
    bound.initializer = initializer;
    return { handler, initializer };
}

/**
 * The initializer's one run per process. 'succeeded' and 'failed' are final: a failed initializer is never re-run,
 * and every later call gets its failure (local FC tools marked a failed initializer as done; Sluice must not).
 */
const init = { state: 'not-run', run: null, failure: null };

function initializeOnce(name, context, requestId) {
    if (init.run === null) {
        init.state = 'running';
        const run = outcome();
        // Its own scope, so that an uncaught error from the initializer's async work fails the run itself (and with
        // it every caller waiting on it), not just the call that happened to start it.
        calls.run({ requestId, fail: run.fail }, () => {
            resolveFunction('initializer', name).then((target) => callFunction(target, [context])).then(run.succeed, run.fail);
        });
        init.run = run.promise.then(
            () => {
                init.state = 'succeeded';
            },
            (error) => {
                init.state = 'failed';
                init.failure = error;
                throw error;
            },
        );
    }
    return init.run;
}

/** Does not wait: the platform sends no call before /initialize succeeded, so one that comes early is refused. */
function requireInitialized(name) {
    switch (init.state) {
        case 'succeeded':
            return;
        case 'not-run':
            throw new InitializationError(`initializer ${name} has not run yet; the handler runs only after POST /initialize succeeded`);
        case 'running':
            throw new InitializationError(`initializer ${name} is still running; the handler runs only after POST /initialize succeeded`);
        default:
            throw new InitializationError(
                `initializer ${name} failed, so this instance cannot run the handler: ${describe(init.failure).message}`,
                { cause: init.failure },
            );
    }
}

/** FC's context object, from the call's x-fc-* headers; the environment fills in what a header does not say. */
function makeContext(headers, requestId, names) {
    const get = (header, envName) => nonBlank(headers[header]) ?? nonBlank(process.env[envName]) ?? '';
    const traceparent = nonBlank(headers.traceparent) ?? '';
    const number = (header, envName, fallback) => {
        const value = Number.parseInt(get(header, envName), 10);
        return Number.isFinite(value) ? value : fallback; // a malformed header must not fail the call
    };
    return {
        requestId,
        credentials: {
            accessKeyId: get('x-fc-access-key-id', 'ALIBABA_CLOUD_ACCESS_KEY_ID'),
            accessKeySecret: get('x-fc-access-key-secret', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'),
            securityToken: get('x-fc-security-token', 'ALIBABA_CLOUD_SECURITY_TOKEN'),
        },
        function: {
            name: get('x-fc-function-name', 'FC_FUNCTION_NAME'),
            handler: names.handler ?? '',
            memory: number('x-fc-function-memory', 'FC_FUNCTION_MEMORY_SIZE', DEFAULT_MEMORY_MB),
            timeout: number('x-fc-function-timeout', 'FC_FUNCTION_TIMEOUT', DEFAULT_TIMEOUT_S),
            initializer: names.initializer ?? '',
            initializationTimeout: number('x-fc-initialization-timeout', 'FC_INITIALIZATION_TIMEOUT', DEFAULT_TIMEOUT_S),
        },
        service: {
            name: get('x-fc-service-name', 'FC_SERVICE_NAME'),
            logProject: get('x-fc-service-logproject', 'FC_SERVICE_LOG_PROJECT'),
            logStore: get('x-fc-service-logstore', 'FC_SERVICE_LOG_STORE'),
            qualifier: get('x-fc-qualifier', 'FC_QUALIFIER'),
            versionId: get('x-fc-version-id', 'FC_VERSION_ID'),
        },
        region: get('x-fc-region', 'FC_REGION'),
        accountId: get('x-fc-account-id', 'FC_ACCOUNT_ID'),
        logger: makeLogger(requestId),
        retryCount: 0,
        // The W3C traceparent of this call (the caller's trace, the gateway's span), also where FC puts its own.
        tracing: {
            traceparent,
            openTracingSpanContext: traceparent,
            openTracingSpanBaggages: {},
            jaegerEndpoint: '',
        },
    };
}

function requireRunnable(names) {
    if (names.handler === null) {
        throw new Error('no handler configured: set FC_FUNCTION_HANDLER or send the x-fc-function-handler header');
    }
    if (names.initializer !== null) requireInitialized(names.initializer);
}

/** The whole request body. Listeners rather than `for await`: the stream's async iterator costs a promise a chunk. */
function readBody(req) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        req.on('data', (chunk) => chunks.push(chunk));
        req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
        req.on('error', reject);
        req.on('close', () => {
            if (!req.complete) reject(new Error('the caller closed the connection before sending the whole request'));
        });
    });
}

/** The handler's result as bytes: Buffer as is, string as UTF-8, nothing as nothing, anything else as JSON. */
function toBytes(result) {
    if (Buffer.isBuffer(result)) return result;
    if (result instanceof Uint8Array) return Buffer.from(result.buffer, result.byteOffset, result.byteLength);
    if (typeof result === 'string') return Buffer.from(result, 'utf8');
    if (result === undefined || result === null) return EMPTY;
    const json = JSON.stringify(result); // throws on a cycle: a function error, as it should be
    return json === undefined ? EMPTY : Buffer.from(json, 'utf8');
}

// ---------------------------------------------------------------------------------------------------------------
// The calls. Each returns a promise of the reply { status, headers, body }; a rejection is a function error.

/** POST /invoke: the body is the event, the result the response body. */
async function invoke(req, call) {
    const event = await readBody(req);
    const names = bind(req.headers);
    requireRunnable(names);
    const handler = await handlerFor(names.handler);
    const result = await callFunction(handler, [event, makeContext(req.headers, call.requestId, names)]);
    return { status: 200, headers: { 'content-type': OCTETS }, body: toBytes(result) };
}

/** POST /initialize: runs the initializer once per process; 200 with no body when it succeeded. */
async function initialize(req, call) {
    await readBody(req); // there is none, but a keep-alive connection must not keep a half-read request
    const names = bind(req.headers);
    if (names.initializer !== null) {
        await initializeOnce(names.initializer, makeContext(req.headers, call.requestId, names), call.requestId);
    }
    return { status: 200, headers: {}, body: EMPTY };
}

/** POST /specialize: gives a stem cell its function's environment (a form: NAME=value&...), once. */
let specialized = false;

async function specialize(req) {
    const variables = [...new URLSearchParams((await readBody(req)).toString('utf8').trim())];
    if (specialized) throw new Error('this instance is already specialized; a stem cell serves one function');
    for (const [name] of variables) {
        if (name === '' || name.includes('=') || name.includes('\0')) {
            throw new Error(`specialize: "${name}" is not a variable name`);
        }
    }
    for (const [name, value] of variables) process.env[name] = value;
    specialized = true;
    return { status: 200, headers: {}, body: EMPTY };
}

const HOOKS = {
    preStop: { label: 'pre-stop handler', header: 'x-fc-instance-lifecycle-pre-stop-handler', exportName: 'preStop' },
    preFreeze: { label: 'pre-freeze handler', header: 'x-fc-instance-lifecycle-pre-freeze-handler', exportName: 'preFreeze' },
};

/**
 * /pre-stop and /pre-freeze: runs the function the hook's header names, else the handler module's preStop /
 * preFreeze export. The module is not loaded for it: an instance that never ran its code has nothing to clean up.
 */
async function lifecycle(hook, req, call) {
    await readBody(req);
    const names = bind(req.headers);
    const named = nonBlank(req.headers[hook.header]);
    let target = null;
    if (named !== null) {
        target = await resolveFunction(hook.label, named);
    } else if (names.handler !== null) {
        const loading = modules.get(parseName('handler', names.handler).file);
        const exports = loading === undefined ? null : await loading.catch(() => null);
        if (exports && typeof exports[hook.exportName] === 'function') target = { fn: exports[hook.exportName], self: exports };
    }
    if (target !== null) await callFunction(target, [makeContext(req.headers, call.requestId, names)]);
    return { status: 200, headers: {}, body: EMPTY };
}

// --- HTTP trigger

function parseQueries(query) {
    const queries = new Map();
    for (const [key, value] of new URLSearchParams(query)) {
        const seen = queries.get(key);
        queries.set(key, seen === undefined ? value : [].concat(seen, value)); // a repeated key becomes an array
    }
    return Object.fromEntries(queries); // fromEntries: a key named __proto__ stays a plain key
}

function clientIp(req) {
    const forwarded = nonBlank(String(req.headers['x-forwarded-for'] || '').split(',')[0]);
    const address = forwarded ?? req.socket.remoteAddress ?? '';
    return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/** Turns the incoming request into FC's `request`: the same stream, with FC's fields added. */
function fcRequest(req, call) {
    const query = req.url.indexOf('?');
    req.path = query < 0 ? req.url : req.url.slice(0, query);
    req.queries = parseQueries(query < 0 ? '' : req.url.slice(query + 1));
    req.clientIP = clientIp(req);
    // The platform's headers are not the client's.
    req.headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !name.startsWith('x-fc-')));
    // The stream's events come from the connection, outside the call's scope: re-enter it, so the function's
    // listeners log with its request id, and a throw in one fails this call instead of escaping as uncaught.
    const emit = req.emit;
    req.emit = function (...args) {
        return calls.run(call, () => {
            try {
                return emit.apply(this, args);
            } catch (error) {
                call.fail(error);
                return true;
            }
        });
    };
    return req;
}

/** FC's `response`: collects status, headers and body; send() ends the call. */
class FcResponse {
    #status = 200;
    #headers = new Map(); // lower-case name -> [name as given, value]
    #deliver;

    constructor(deliver) {
        this.#deliver = deliver;
    }

    setStatusCode(code) {
        const status = Number(code);
        if (!Number.isInteger(status) || status < 100 || status > 999) {
            throw new RangeError(`setStatusCode(${util.inspect(code)}): expected an HTTP status code 100-999`);
        }
        this.#status = status;
    }

    setHeader(name, value) {
        // Checked here, so that a bad header fails in the function's own stack and not later in the runtime's.
        http.validateHeaderName(name);
        const values = Array.isArray(value) ? value.map(String) : String(value);
        for (const one of [].concat(values)) http.validateHeaderValue(name, one);
        this.#headers.set(name.toLowerCase(), [name, values]);
    }

    getHeader(name) {
        const header = this.#headers.get(String(name).toLowerCase());
        return header === undefined ? undefined : header[1];
    }

    hasHeader(name) {
        return this.#headers.has(String(name).toLowerCase());
    }

    deleteHeader(name) {
        this.#headers.delete(String(name).toLowerCase());
    }

    /** Sends the response: a Buffer as is, a string as UTF-8, nothing as nothing, any other value as JSON. */
    send(body) {
        if (this.#deliver === null) throw new Error('response.send() was already called: a call has one response');
        const isJson = body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array);
        const bytes = toBytes(body);
        if (isJson && !this.hasHeader('content-type')) this.setHeader('content-type', JSON_TYPE);
        // The runtime frames the body itself; a length or encoding from the function would contradict it.
        this.deleteHeader('content-length');
        this.deleteHeader('transfer-encoding');
        const deliver = this.#deliver;
        this.#deliver = null;
        deliver({ status: this.#status, headers: Object.fromEntries(this.#headers.values()), body: bytes });
    }
}

/** An HTTP-trigger call: handler(request, response, context); the call ends when the function calls send(). */
async function httpInvoke(req, call) {
    const names = bind(req.headers);
    requireRunnable(names);
    const handler = await handlerFor(names.handler);
    const context = makeContext(req.headers, call.requestId, names); // before fcRequest drops the x-fc-* headers
    return new Promise((resolve, reject) => {
        const returned = handler.fn.call(handler.self, fcRequest(req, call), new FcResponse(resolve), context);
        if (isThenable(returned)) returned.then(undefined, reject); // only a failure before send() counts
    });
}

// ---------------------------------------------------------------------------------------------------------------
// The server

const ROUTES = {
    '/invoke': { kind: 'Invoke', methods: ['POST'], run: invoke },
    '/initialize': { kind: 'Initialize', methods: ['POST'], run: initialize },
    '/pre-stop': { kind: 'PreStop', methods: ['GET', 'POST'], run: (req, call) => lifecycle(HOOKS.preStop, req, call) },
    '/pre-freeze': { kind: 'PreFreeze', methods: ['GET', 'POST'], run: (req, call) => lifecycle(HOOKS.preFreeze, req, call) },
    '/specialize': { kind: 'Specialize', methods: ['POST'], run: specialize },
};
const HTTP_INVOKE = { kind: 'Invoke', run: httpInvoke };

let inFlight = 0;
let stopping = false;

function onRequest(req, res) {
    inFlight++;
    res.on('close', () => {
        inFlight--;
        if (stopping) exitWhenIdle();
    });
    if (config.standalone !== null) {
        onStandaloneRequest(req, res);
        return;
    }
    if (req.headers['x-fc-control-path'] === '/http-invoke') {
        runCall(req, res, HTTP_INVOKE); // whatever its method and path: those are the client's
        return;
    }
    const query = req.url.indexOf('?');
    const pathname = query < 0 ? req.url : req.url.slice(0, query);
    const route = Object.hasOwn(ROUTES, pathname) ? ROUTES[pathname] : null;
    if (route === null) {
        reply(res, requestIdOf(req), protocolErrorReply(404, `unknown path ${pathname} (expected: POST /invoke, `
            + 'POST /initialize, GET|POST /pre-stop, GET|POST /pre-freeze, POST /specialize, '
            + 'or any path with the header x-fc-control-path: /http-invoke)'));
    } else if (!route.methods.includes(req.method)) {
        reply(res, requestIdOf(req), protocolErrorReply(405, `${req.method} ${pathname}: expected `
            + `${route.methods.join(' or ')}`, { allow: route.methods.join(', ') }));
    } else {
        runCall(req, res, route);
    }
}

/**
 * With no platform in front (SLUICE_STANDALONE, an image exported for Knative), every request is a call: an
 * HTTP-trigger call in `http` mode; in `event` mode a POST to any path, its body the event. The client's x-fc-*
 * headers are dropped, as the platform drops them: a client may neither choose the kind of call nor speak for the
 * platform.
 */
function onStandaloneRequest(req, res) {
    for (const name of Object.keys(req.headers)) {
        if (name.startsWith('x-fc-')) delete req.headers[name];
    }
    if (config.standalone === 'http') {
        runCall(req, res, HTTP_INVOKE);
    } else if (req.method === 'POST') {
        runCall(req, res, ROUTES['/invoke']);
    } else {
        req.resume(); // drain it, so the keep-alive connection stays usable
        const pathname = req.url.split('?')[0];
        reply(res, requestIdOf(req), protocolErrorReply(405, `${req.method} ${pathname}: this function takes events `
            + '(expected: POST with the event as the body)', { allow: 'POST' }));
    }
}

/**
 * Standalone, the initializer runs before the port opens, bounded by FC_INITIALIZATION_TIMEOUT, so an open port (what
 * Knative probes) means an initialized instance. Resolves when it succeeded; rejects with its failure or the timeout.
 */
function initializeBeforeListening() {
    const names = bind({});
    if (names.initializer === null) return Promise.resolve();
    const requestId = `init-${nonBlank(process.env.HOSTNAME) ?? 'standalone'}`;
    const seconds = Math.max(1, Number.parseInt(nonBlank(process.env.FC_INITIALIZATION_TIMEOUT) ?? '', 10) || DEFAULT_TIMEOUT_S);
    line(`FC Initialize Start RequestId: ${requestId}`);
    let timer;
    const late = new Promise((resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`initializer ${names.initializer} did not finish within ${seconds} s`)), seconds * 1000);
    });
    const run = initializeOnce(names.initializer, makeContext({}, requestId, names), requestId);
    return Promise.race([run, late]).then(
        () => {
            clearTimeout(timer);
            line(`FC Initialize End RequestId: ${requestId}`);
        },
        (error) => {
            clearTimeout(timer);
            logLine('ERROR', requestId, [describe(error).stack]);
            line(`FC Initialize End RequestId: ${requestId}`);
            throw error;
        },
    );
}

function requestIdOf(req) {
    return nonBlank(req.headers['x-fc-request-id']) ?? `local-${require('crypto').randomBytes(8).toString('hex')}`;
}

/**
 * Runs one call in its own scope and answers with its reply or its function error. The scope's fail() lets an
 * uncaught error from the call's async work end it; whichever of result and failure comes first wins.
 */
function runCall(req, res, route) {
    const requestId = requestIdOf(req);
    line(`FC ${route.kind} Start RequestId: ${requestId}`);
    const done = outcome();
    const call = { requestId, fail: done.fail };
    calls.run(call, () => {
        (async () => route.run(req, call))().then(done.succeed, done.fail);
    });
    done.promise.then(
        (result) => {
            // Logged before the reply is sent, so whoever got the reply can already find the End line.
            line(`FC ${route.kind} End RequestId: ${requestId}`);
            reply(res, requestId, result);
        },
        (error) => {
            logLine('ERROR', requestId, [describe(error).stack]);
            line(`FC ${route.kind} End RequestId: ${requestId}`);
            reply(res, requestId, functionErrorReply(error));
        },
    );
}

function reply(res, requestId, { status, headers, body }) {
    if (res.destroyed || res.headersSent) return; // the caller hung up: nobody to answer
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.setHeader('x-fc-request-id', requestId);
    if (stopping) res.setHeader('connection', 'close'); // a stopping runtime should get no further calls
    const bodyless = status === 204 || status === 304 || status < 200;
    if (!bodyless) res.setHeader('content-length', body.length);
    res.writeHead(status);
    res.end(bodyless ? undefined : body);
}

/**
 * An error that escaped the function (thrown in a timer, a rejected promise nobody awaited) fails the call whose
 * scope it came from. One that belongs to no running call is logged; the process keeps serving either way.
 */
function onStrayError(kind, error) {
    let stack;
    try {
        stack = describe(error).stack;
    } catch {
        stack = String(error);
    }
    const call = calls.getStore();
    if (call === undefined) {
        process.stderr.write(`sluice nodejs runtime: ${kind} outside any call (still serving): ${stack}\n`);
    } else if (!call.fail(error)) {
        logLine('ERROR', call.requestId, [`${kind} after the call had ended: ${stack}`]);
    }
}

let server;

function exitWhenIdle() {
    if (inFlight === 0) process.exit(0);
}

/** SIGTERM: take no new connections, let running calls finish (at most SHUTDOWN_GRACE_MS), then exit 0. */
function shutdown(signal) {
    if (stopping) return;
    stopping = true;
    line(`sluice nodejs runtime: ${signal}, stopping after ${inFlight} running call(s)`);
    server.close(); // stops listening; Node also closes the idle keep-alive connections
    setTimeout(() => {
        line(`sluice nodejs runtime: ${inFlight} call(s) still running after ${SHUTDOWN_GRACE_MS} ms, exiting`);
        process.exit(0);
    }, SHUTDOWN_GRACE_MS);
    exitWhenIdle();
}

function main() {
    try {
        config = readConfig(process.env);
    } catch (error) {
        process.stderr.write(`sluice nodejs runtime: ${error.message}\n`);
        process.exit(2);
    }
    try {
        process.chdir(config.codePath); // FC runs functions in their code directory: relative paths resolve there
    } catch {
        // no code directory (yet): relative paths stay relative to where the runtime was started
    }
    tagConsole();
    // A closed log pipe must cost the logs, not the process (or a loop of errors reported on the same pipe).
    process.stdout.on('error', () => {});
    process.on('exit', releaseOutput); // process.exit() does not wait for the end of the turn
    process.stderr.on('error', () => {});
    process.on('uncaughtException', (error) => onStrayError('uncaught exception', error));
    process.on('unhandledRejection', (reason) => onStrayError('unhandled rejection', reason));
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    process.on('SIGINT', () => shutdown('SIGINT'));

    server = http.createServer(onRequest);
    server.keepAliveTimeout = KEEP_ALIVE_MS;
    // Node's default 5-minute limit on receiving a request would cut long HTTP-trigger uploads; the platform
    // enforces the function's own timeout.
    server.requestTimeout = 0;
    server.on('error', (error) => {
        process.stderr.write(`sluice nodejs runtime: cannot listen on 0.0.0.0:${config.port}: ${error.message}\n`);
        process.exit(1);
    });
    const ready = config.standalone === null ? Promise.resolve() : initializeBeforeListening();
    ready.then(
        () => {
            // All interfaces: a server bound to 127.0.0.1 inside a container is unreachable from the platform.
            server.listen(config.port, '0.0.0.0', () => {
                line(`sluice nodejs runtime listening on 0.0.0.0:${server.address().port} (code ${config.codePath}, `
                    + `handler ${config.handler ?? 'from the first call'})`);
            });
        },
        (error) => {
            process.stderr.write(`sluice nodejs runtime: ${describe(error).message}; not listening, so this instance `
                + 'never becomes ready\n');
            process.exit(1);
        },
    );
}

if (require.main === module) main();
