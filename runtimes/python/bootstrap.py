"""Sluice's runtime for Function Compute Python functions, run inside the function's container.

An HTTP/1.1 server speaking FC's runtime protocol (POST /invoke, POST /initialize, GET|POST /pre-stop and
/pre-freeze, POST /specialize, and HTTP-trigger calls marked `x-fc-control-path: /http-invoke`) that calls the
functions in FC_FUNC_CODE_PATH with FC's Python signatures: `handler(event, context)` for events,
`handler(environ, start_response)` (WSGI) for HTTP functions, `initializer(context)`.

It runs on every cold start, so it imports little (no http.server: its imports alone cost 70 ms) and serves each
connection on a thread of its own: read a request, call the function, write the reply, on that same thread. The
function's module is imported on first use.
"""
import importlib
import io
import json
import logging
import os
import socket
import sys
import threading
import traceback
import urllib.parse
from datetime import datetime, timezone

DEFAULT_PORT = 9000
DEFAULT_CODE_PATH = "/code"
DEFAULT_TIMEOUT_S = 3
DEFAULT_MEMORY_MB = 128
# Longer than the platform keeps a pooled connection idle, so the runtime is never the side that drops one.
IDLE_CLOSE_S = 30
MAX_LINE = 16 * 1024
MAX_HEADERS = 200
JSON_TYPE = "application/json; charset=utf-8"
OCTETS = "application/octet-stream"
REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 431: "Request Header Fields "
           "Too Large", 500: "Internal Server Error", 501: "Not Implemented", 505: "HTTP Version Not Supported"}


class Refused(Exception):
    """A request the server answers itself with `status` and closes the connection after."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


# ---------------------------------------------------------------------------------------------------------------
# Configuration


def non_blank(value):
    if value is None:
        return None
    text = str(value).strip()
    return text or None


class Config:
    """The container's environment, read once; handler and initializer may be absent (a stem cell binds on first
    call)."""

    def __init__(self, env):
        self.port = DEFAULT_PORT
        # FC_SERVER_PORT is what older FC images and most community code read; newer docs name the other one.
        for name in ("FC_SERVER_PORT", "FC_CUSTOM_LISTEN_PORT"):
            value = non_blank(env.get(name))
            if value is not None:
                if not value.isdigit() or int(value) > 65535:
                    raise ValueError(f"{name}: {value} (expected: a port number 0-65535)")
                self.port = int(value)
                break
        self.code_path = os.path.abspath(non_blank(env.get("FC_FUNC_CODE_PATH")) or DEFAULT_CODE_PATH)
        self.handler = non_blank(env.get("FC_FUNCTION_HANDLER"))
        self.initializer = non_blank(env.get("FC_FUNCTION_INITIALIZER"))
        # With no platform in front (an image exported for Knative): "http" or "event"; see Server.standalone_route.
        self.standalone = non_blank(env.get("SLUICE_STANDALONE"))
        if self.standalone not in (None, "http", "event"):
            raise ValueError(f"SLUICE_STANDALONE: {self.standalone} (expected: http or event)")


# ---------------------------------------------------------------------------------------------------------------
# Logging

_output = threading.Lock()


def line(text):
    """Writes one runtime line (the FC ... Start/End markers) in one write."""
    with _output:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()


_calls = threading.local()  # the request id of the call a thread is running, for the log lines it writes


class _RequestId(logging.Filter):
    def filter(self, record):
        record.request_id = getattr(_calls, "request_id", "")
        return True


class _FcFormat(logging.Formatter):
    def formatTime(self, record, datefmt=None):  # noqa: N802 - logging's name
        return datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds")[:-6] + "Z"


def configure_logging():
    """FC's root logger: `logging.getLogger().info(...)` writes `<ISO time> <requestId> [INFO] message`, from any
    logger that propagates to the root; INFO and up, as FC's Python runtime sets it."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(_FcFormat("%(asctime)s %(request_id)s [%(levelname)s] %(message)s"))
    handler.addFilter(_RequestId())
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


# ---------------------------------------------------------------------------------------------------------------
# Errors


class InitializationError(Exception):
    """A handler refused because the initializer has not succeeded."""


def error_body(error):
    """The function-error body, in both shapes FC uses: errorMessage / errorType / stackTrace and message / stack."""
    error_type = type(error).__name__
    message = str(error) or error_type
    frames = traceback.extract_tb(error.__traceback__)
    # The runtime's own frames called the function: users want theirs.
    own = [f for f in frames if os.path.abspath(f.filename) != os.path.abspath(__file__)] or frames
    stack_trace = [f'File "{f.filename}", line {f.lineno}, in {f.name}' for f in own]
    stack = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return json.dumps({"errorMessage": message, "errorType": error_type, "stackTrace": stack_trace,
                       "message": message, "stack": stack})


def function_error(error):
    """A function error: 404 and `x-fc-status: 404`, how the platform tells a failure from an error-looking result."""
    return 404, [("x-fc-status", "404"), ("content-type", JSON_TYPE)], error_body(error).encode()


def protocol_error(status, message, headers=()):
    """A protocol error (the caller broke the protocol; the function did nothing): no x-fc-status."""
    return status, [*headers, ("content-type", JSON_TYPE)], json.dumps({"errorMessage": message}).encode()


# ---------------------------------------------------------------------------------------------------------------
# The function's code


class Functions:
    """The functions of FC_FUNC_CODE_PATH by name (`module.function`), their modules imported once each."""

    def __init__(self, code_path):
        self.code_path = code_path
        self._lock = threading.Lock()
        self._found = {}
        # Dependencies installed with `pip install -t .` sit next to the code, or under python/ (FC's layout).
        for entry in (os.path.join(code_path, "python"), code_path):
            if entry not in sys.path:
                sys.path.insert(0, entry)

    def get(self, what, name):
        found = self._found.get(name)
        if found is not None:
            return found
        module_name, dot, attribute = name.rpartition(".")
        if not dot or not module_name or not attribute:
            raise ValueError(f'{what} "{name}": expected module.function, e.g. index.handler')
        with self._lock:  # one import at a time: a module's top level runs once
            module = importlib.import_module(module_name)
        function = getattr(module, attribute, None)
        if not callable(function):
            names = ", ".join(n for n in dir(module) if not n.startswith("_")) or "none"
            raise AttributeError(f"{what} {name}: module {module_name} has no function {attribute} (it has: {names})")
        self._found[name] = function
        return function


class Binding:
    """The handler and initializer this process serves: the environment's, else those its first call named."""

    def __init__(self, config):
        self.config = config
        self.handler = None
        self.initializer = None
        self._lock = threading.Lock()

    def bind(self, headers):
        with self._lock:
            self.handler = self._one("handler", self.config.handler, self.handler,
                                     headers.get("x-fc-function-handler"))
            self.initializer = self._one("initializer", self.config.initializer, self.initializer,
                                         headers.get("x-fc-function-initializer"))
            return self.handler, self.initializer

    @staticmethod
    def _one(what, from_env, current, header):
        if from_env is not None:
            return from_env  # the environment is authoritative; headers only bind a stem cell
        asked = non_blank(header)
        if current is None or asked is None or asked == current:
            return asked if current is None else current
        raise ValueError(f"this instance is bound to {what} {current} by its first call, but this call names {asked}")


class InitOnce:
    """The initializer's one run per process. A failed run is final: it is never re-run, and every later call gets
    its failure."""

    def __init__(self):
        self.state = "not-run"
        self.failure = None
        self._trace = None
        self._lock = threading.Lock()
        self._done = threading.Event()

    def run(self, resolve, context):
        """Runs the initializer `resolve()` returns, once; a failure to find it is the run's failure too."""
        with self._lock:
            first = self.state == "not-run"
            if first:
                self.state = "running"
        if first:
            try:
                resolve()(context)
                self.state = "succeeded"
            except BaseException as error:  # noqa: B036 - any failure of the function's code is its outcome
                self.failure = error
                self._trace = error.__traceback__
                self.state = "failed"
            finally:
                self._done.set()
        else:
            self._done.wait()
        if self.state == "failed":
            # From its own trace each time: raising the same exception again would add this frame to it per call.
            raise self.failure.with_traceback(self._trace)

    def require(self, name):
        if self.state == "succeeded":
            return
        if self.state == "failed":
            raise InitializationError(f"initializer {name} failed, so this instance cannot run the handler: "
                                      f"{self.failure}") from self.failure
        raise InitializationError(f"initializer {name} has not {'finished' if self.state == 'running' else 'run'}"
                                  " yet; the handler runs only after POST /initialize succeeded")


class Fields:
    """A plain object of named fields, as FC's context.credentials, .function and .service are."""

    def __init__(self, **fields):
        self.__dict__.update(fields)

    def __repr__(self):
        return f"{type(self).__name__}({self.__dict__!r})"


def make_context(headers, request_id, handler, initializer):
    """FC's context object, from the call's x-fc-* headers; the environment fills in what a header does not say."""

    def get(header, env_name):
        return non_blank(headers.get(header)) or non_blank(os.environ.get(env_name)) or ""

    def number(header, env_name, fallback):
        value = get(header, env_name)
        return int(value) if value.isdigit() else fallback  # a malformed header must not fail the call

    traceparent = headers.get("traceparent", "")
    return Fields(
        request_id=request_id,
        credentials=Fields(
            access_key_id=get("x-fc-access-key-id", "ALIBABA_CLOUD_ACCESS_KEY_ID"),
            access_key_secret=get("x-fc-access-key-secret", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"),
            security_token=get("x-fc-security-token", "ALIBABA_CLOUD_SECURITY_TOKEN")),
        function=Fields(
            name=get("x-fc-function-name", "FC_FUNCTION_NAME"),
            handler=handler or "",
            memory=number("x-fc-function-memory", "FC_FUNCTION_MEMORY_SIZE", DEFAULT_MEMORY_MB),
            timeout=number("x-fc-function-timeout", "FC_FUNCTION_TIMEOUT", DEFAULT_TIMEOUT_S),
            initializer=initializer or "",
            initialization_timeout=number("x-fc-initialization-timeout", "FC_INITIALIZATION_TIMEOUT",
                                          DEFAULT_TIMEOUT_S)),
        service=Fields(
            name=get("x-fc-service-name", "FC_SERVICE_NAME"),
            log_project=get("x-fc-service-logproject", "FC_SERVICE_LOG_PROJECT"),
            log_store=get("x-fc-service-logstore", "FC_SERVICE_LOG_STORE"),
            qualifier=get("x-fc-qualifier", "FC_QUALIFIER"),
            version_id=get("x-fc-version-id", "FC_VERSION_ID")),
        region=get("x-fc-region", "FC_REGION"),
        account_id=get("x-fc-account-id", "FC_ACCOUNT_ID"),
        retry_count=0,
        logger=logging.getLogger(),
        # The W3C traceparent of this call (the caller's trace, the gateway's span), also where FC puts its own.
        tracing=Fields(traceparent=traceparent, span_context=traceparent, span_baggages={}, jaeger_endpoint=""),
    )


def to_bytes(result):
    """The handler's result as bytes: bytes as they are, str as UTF-8, None as nothing, anything else as JSON."""
    if isinstance(result, (bytes, bytearray, memoryview)):
        return bytes(result)
    if isinstance(result, str):
        return result.encode()
    if result is None:
        return b""
    return json.dumps(result).encode()


# ---------------------------------------------------------------------------------------------------------------
# The calls. Each takes the request and returns (status, headers, body); an exception is a function error.


class Runtime:
    def __init__(self, config):
        self.config = config
        self.functions = Functions(config.code_path)
        self.binding = Binding(config)
        self.init = InitOnce()
        self._specialized = False
        self._specialize_lock = threading.Lock()

    def runnable(self, headers):
        handler, initializer = self.binding.bind(headers)
        if handler is None:
            raise ValueError("no handler configured: set FC_FUNCTION_HANDLER or send the x-fc-function-handler header")
        if initializer is not None:
            self.init.require(initializer)
        return handler, initializer

    def invoke(self, request, request_id):
        handler, initializer = self.runnable(request.headers)
        function = self.functions.get("handler", handler)
        result = function(request.body, make_context(request.headers, request_id, handler, initializer))
        return 200, [("content-type", OCTETS)], to_bytes(result)

    def initialize(self, request, request_id):
        handler, initializer = self.binding.bind(request.headers)
        if initializer is not None:
            context = make_context(request.headers, request_id, handler, initializer)
            self.init.run(lambda: self.functions.get("initializer", initializer), context)
        return 200, [], b""

    def specialize(self, request, request_id):
        variables = urllib.parse.parse_qsl(request.body.decode().strip(), keep_blank_values=True)
        with self._specialize_lock:
            if self._specialized:
                raise ValueError("this instance is already specialized; a stem cell serves one function")
            for name, _ in variables:
                if not name or "=" in name or "\0" in name:
                    raise ValueError(f'specialize: "{name}" is not a variable name')
            os.environ.update(dict(variables))
            self._specialized = True
        return 200, [], b""

    def lifecycle(self, header, attribute):
        """/pre-stop and /pre-freeze: the function the hook's header names, else the handler module's own hook."""

        def run(request, request_id):
            handler, initializer = self.binding.bind(request.headers)
            named = non_blank(request.headers.get(header))
            function = None
            if named is not None:
                function = self.functions.get(header[len("x-fc-instance-lifecycle-"):], named)
            elif handler is not None and handler.rpartition(".")[0] in sys.modules:
                # Not imported for it: an instance that never ran its code has nothing to clean up.
                function = getattr(sys.modules[handler.rpartition(".")[0]], attribute, None)
            if callable(function):
                function(make_context(request.headers, request_id, handler, initializer))
            return 200, [], b""

        return run

    def http_invoke(self, request, request_id):
        """An HTTP-trigger call: the WSGI callable with the client's request (PEP 3333)."""
        handler, initializer = self.runnable(request.headers)
        function = self.functions.get("handler", handler)
        context = make_context(request.headers, request_id, handler, initializer)
        started = []

        def start_response(status, headers, exc_info=None):
            if exc_info is not None and started:
                raise exc_info[1].with_traceback(exc_info[2])
            started[:] = [status, headers]
            return lambda data: chunks.append(bytes(data))

        chunks = []
        result = function(wsgi_environ(request, context), start_response)
        try:
            for chunk in result:
                chunks.append(bytes(chunk))
        finally:
            if hasattr(result, "close"):
                result.close()
        if not started:
            raise RuntimeError(f"the WSGI application {handler} returned without calling start_response")
        status, headers = started
        code = status.split(" ", 1)[0]
        if not (len(code) == 3 and code.isdigit()):
            raise ValueError(f'start_response: "{status}" is not an HTTP status line (expected e.g. "200 OK")')
        # The runtime frames the body itself, and x-fc-* is the platform's prefix.
        sent = [(n, v) for n, v in headers if n.lower() not in ("content-length", "transfer-encoding")
                and not n.lower().startswith("x-fc-")]
        return int(code), sent, b"".join(chunks)


def wsgi_environ(request, context):
    path, _, query = request.target.partition("?")
    environ = {
        "REQUEST_METHOD": request.method,
        "SCRIPT_NAME": "",
        "PATH_INFO": urllib.parse.unquote(path, encoding="latin-1"),
        "QUERY_STRING": query,
        "SERVER_NAME": request.local[0],
        "SERVER_PORT": str(request.local[1]),
        "SERVER_PROTOCOL": request.version,
        "REMOTE_ADDR": (request.headers.get("x-forwarded-for") or request.remote[0]).split(",")[0].strip(),
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(request.body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "fc.context": context,
        "fc.request_uri": request.target,
    }
    environ["CONTENT_LENGTH"] = str(len(request.body))
    for name, value in request.header_list:
        key = name.lower()
        if key.startswith("x-fc-"):
            continue  # the platform's headers are not the client's
        if key == "content-type":
            environ["CONTENT_TYPE"] = value
        elif key != "content-length":
            wsgi_name = "HTTP_" + key.upper().replace("-", "_")
            environ[wsgi_name] = f"{environ[wsgi_name]},{value}" if wsgi_name in environ else value
    return environ


# ---------------------------------------------------------------------------------------------------------------
# HTTP/1.1, a thread per connection


class Request:
    def __init__(self, method, target, version, header_list, body, remote, local):
        self.method = method
        self.target = target
        self.version = version
        self.header_list = header_list
        # Lower-case names; a repeated header keeps its first value here (every value stays in header_list).
        self.headers = {}
        for name, value in header_list:
            self.headers.setdefault(name.lower(), value)
        self.body = body
        self.remote = remote
        self.local = local


class Wire:
    """A connection's incoming bytes, buffered: one recv usually brings a whole request."""

    def __init__(self, sock):
        self.sock = sock
        self.buffer = b""

    def line(self):
        while True:
            end = self.buffer.find(b"\n")
            if end >= 0:
                text, self.buffer = self.buffer[:end], self.buffer[end + 1:]
                return text.rstrip(b"\r").decode("latin-1")
            if len(self.buffer) > MAX_LINE:
                raise Refused(431, f"a line of the request head is longer than {MAX_LINE} bytes")
            data = self.sock.recv(65536)
            if not data:
                if self.buffer:
                    raise EOFError("the connection ended inside a line")
                return None
            self.buffer += data

    def read(self, count):
        while len(self.buffer) < count:
            data = self.sock.recv(max(65536, count - len(self.buffer)))
            if not data:
                raise EOFError(f"the connection ended {count - len(self.buffer)} bytes before the end of the body")
            self.buffer += data
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data


def read_request(wire, remote, local):
    """The next request, or None when the connection ended between requests; bad framing is refused."""
    request_line = wire.line()
    while request_line == "":
        request_line = wire.line()  # RFC 9112 2.2: empty lines before a request line are ignored
    if request_line is None:
        return None, False
    parts = request_line.split(" ")
    if len(parts) != 3 or not parts[0]:
        raise Refused(400, f'not an HTTP request line: "{request_line[:100]}"')
    method, target, version = parts
    if version not in ("HTTP/1.1", "HTTP/1.0"):
        raise Refused(505, f'this server speaks HTTP/1.1 and HTTP/1.0, not "{version}"')
    header_list = []
    while True:
        header = wire.line()
        if header is None:
            raise EOFError("the connection ended inside the request head")
        if header == "":
            break
        name, colon, value = header.partition(":")
        if not colon or not name or name[0] in " \t" or name != name.strip():
            raise Refused(400, f'not a header line (name: value, not folded): "{header[:100]}"')
        header_list.append((name, value.strip()))
        if len(header_list) > MAX_HEADERS:
            raise Refused(431, f"more than {MAX_HEADERS} header lines")
    headers = {}
    for name, value in header_list:
        key = name.lower()
        headers[key] = f"{headers[key]},{value}" if key in headers else value
    connection = headers.get("connection", "").lower()
    keep_alive = "close" not in connection if version == "HTTP/1.1" else "keep-alive" in connection
    codings = headers.get("transfer-encoding", "").replace(" ", "").lower()
    if codings and codings != "chunked":
        raise Refused(501, f'this server decodes only Transfer-Encoding: chunked, not "{codings}"')
    if codings:
        body = read_chunked(wire)
        keep_alive = keep_alive and "content-length" not in headers  # framed both ways: close after (RFC 9112 6.3)
    else:
        lengths = {part.strip() for part in headers.get("content-length", "0").split(",")}
        if len(lengths) != 1 or not next(iter(lengths)).isdigit():
            raise Refused(400, f"Content-Length is not one length: {headers['content-length']}")
        body = wire.read(int(lengths.pop()))
    return Request(method, target, version, header_list, body, remote, local), keep_alive


def read_chunked(wire):
    chunks = []
    while True:
        size_line = wire.line()
        if size_line is None:
            raise EOFError("the connection ended before the last chunk of the body")
        size = size_line.partition(";")[0].strip()
        if not size or len(size) > 15 or any(c not in "0123456789abcdefABCDEF" for c in size):
            raise Refused(400, f'not a chunk size: "{size[:20]}"')
        if int(size, 16) == 0:
            while wire.line() not in ("", None):
                pass  # trailer fields, dropped
            return b"".join(chunks)
        chunks.append(wire.read(int(size, 16)))
        if wire.read(2) != b"\r\n":
            raise Refused(400, "a chunk of the body does not end with CRLF")


def encode_reply(status, headers, body, keep_alive, to_head=False):
    """The reply's head and body as one buffer: one send, one segment. The answer to a HEAD request carries the
    length its body would have had, and no body."""
    head = [f"HTTP/1.1 {status} {REASONS.get(status, 'Status')}"]
    head += [f"{name}: {value}" for name, value in headers]
    bodyless = status < 200 or status in (204, 304)
    if not bodyless:
        head.append(f"content-length: {len(body)}")
    if not keep_alive:
        head.append("connection: close")
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + (b"" if bodyless or to_head else body)


class Server:
    ROUTES = {
        "/invoke": ("Invoke", ("POST",)),
        "/initialize": ("Initialize", ("POST",)),
        "/pre-stop": ("PreStop", ("GET", "POST")),
        "/pre-freeze": ("PreFreeze", ("GET", "POST")),
        "/specialize": ("Specialize", ("POST",)),
    }

    def __init__(self, runtime, port):
        self.runtime = runtime
        self.calls = {
            "/invoke": runtime.invoke,
            "/initialize": runtime.initialize,
            "/pre-stop": runtime.lifecycle("x-fc-instance-lifecycle-pre-stop-handler", "pre_stop"),
            "/pre-freeze": runtime.lifecycle("x-fc-instance-lifecycle-pre-freeze-handler", "pre_freeze"),
            "/specialize": runtime.specialize,
        }
        # All interfaces: a server bound to 127.0.0.1 inside a container is unreachable from the platform.
        self.listener = socket.create_server(("0.0.0.0", port), backlog=1024, reuse_port=False)
        self.port = self.listener.getsockname()[1]

    def serve_forever(self):
        while True:
            connection, remote = self.listener.accept()
            threading.Thread(target=self.serve, args=(connection, remote), daemon=True).start()

    def serve(self, connection, remote):
        with connection:
            connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            connection.settimeout(IDLE_CLOSE_S)
            wire = Wire(connection)
            local = connection.getsockname()
            try:
                while True:
                    try:
                        request, keep_alive = read_request(wire, remote, local)
                    except Refused as refused:
                        connection.sendall(encode_reply(*protocol_error(refused.status, str(refused)), False))
                        return
                    if request is None:
                        return
                    connection.sendall(encode_reply(*self.answer(request), keep_alive, request.method == "HEAD"))
                    if not keep_alive:
                        return
            except (OSError, EOFError):
                return  # the peer went away, or stayed idle past IDLE_CLOSE_S

    def standalone_route(self, request):
        """With no platform in front, every request is a call: an HTTP-trigger call in `http` mode; in `event` mode
        a POST to any path, its body the event. The client's x-fc-* headers are dropped, as the platform drops them:
        a client may neither choose the kind of call nor speak for the platform. Returns (kind, call), or None for a
        method an event function does not take."""
        request.header_list = [(name, value) for name, value in request.header_list
                               if not name.lower().startswith("x-fc-")]
        request.headers = {name: value for name, value in request.headers.items() if not name.startswith("x-fc-")}
        if self.runtime.config.standalone == "http":
            return "Invoke", self.runtime.http_invoke
        if request.method == "POST":
            return "Invoke", self.runtime.invoke
        return None

    def answer(self, request):
        if self.runtime.config.standalone is not None:
            route = self.standalone_route(request)
            if route is None:
                path = request.target.partition("?")[0]
                return protocol_error(405, f"{request.method} {path}: this function takes events (expected: POST "
                                      "with the event as the body)", [("allow", "POST")])
            return self.run(request, *route)
        if request.headers.get("x-fc-control-path") == "/http-invoke":
            kind, call = "Invoke", self.runtime.http_invoke  # whatever its method and path: those are the client's
        else:
            path = request.target.partition("?")[0]
            route = self.ROUTES.get(path)
            if route is None:
                return protocol_error(404, f"unknown path {path} (expected: POST /invoke, POST /initialize, "
                                      "GET|POST /pre-stop, GET|POST /pre-freeze, POST /specialize, or any path with "
                                      "the header x-fc-control-path: /http-invoke)")
            if request.method not in route[1]:
                return protocol_error(405, f"{request.method} {path}: expected {' or '.join(route[1])}",
                                      [("allow", ", ".join(route[1]))])
            kind, call = route[0], self.calls[path]
        return self.run(request, kind, call)

    def run(self, request, kind, call):
        request_id = non_blank(request.headers.get("x-fc-request-id")) or "local-" + os.urandom(8).hex()
        line(f"FC {kind} Start RequestId: {request_id}")
        _calls.request_id = request_id
        try:
            status, headers, body = call(request, request_id)
        except BaseException as error:  # noqa: B036 - whatever the function raised becomes its error reply
            if isinstance(error, (KeyboardInterrupt, SystemExit)) and threading.current_thread() is threading.main_thread():
                raise
            logging.getLogger().error("".join(traceback.format_exception(type(error), error, error.__traceback__))
                                      .rstrip())
            status, headers, body = function_error(error)
        finally:
            _calls.request_id = ""
        line(f"FC {kind} End RequestId: {request_id}")
        return status, [*headers, ("x-fc-request-id", request_id)], body


def initialize_before_listening(runtime):
    """Standalone, the initializer runs before the port opens, bounded by FC_INITIALIZATION_TIMEOUT, so an open port
    (what Knative probes) means an initialized instance. Raises its failure, or TimeoutError."""
    handler, initializer = runtime.binding.bind({})
    if initializer is None:
        return
    request_id = "init-" + (non_blank(os.environ.get("HOSTNAME")) or "standalone")
    timeout = non_blank(os.environ.get("FC_INITIALIZATION_TIMEOUT"))
    seconds = max(1, int(timeout)) if timeout is not None and timeout.isdigit() else DEFAULT_TIMEOUT_S
    outcome = []

    def run():
        _calls.request_id = request_id
        try:
            runtime.init.run(lambda: runtime.functions.get("initializer", initializer),
                             make_context({}, request_id, handler, initializer))
        except BaseException as error:  # noqa: B036 - whatever the initializer raised is its outcome
            logging.getLogger().error("".join(traceback.format_exception(type(error), error, error.__traceback__))
                                      .rstrip())
            outcome.append(error)

    line(f"FC Initialize Start RequestId: {request_id}")
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    line(f"FC Initialize End RequestId: {request_id}")
    if thread.is_alive():
        raise TimeoutError(f"initializer {initializer} did not finish within {seconds} s")
    if outcome:
        raise RuntimeError(f"initializer {initializer} failed: {outcome[0]}") from outcome[0]


def main():
    try:
        config = Config(os.environ)
    except ValueError as error:
        sys.stderr.write(f"sluice python runtime: {error}\n")
        sys.exit(2)
    try:
        os.chdir(config.code_path)  # FC runs functions in their code directory: relative paths resolve there
    except OSError:
        pass
    configure_logging()
    runtime = Runtime(config)
    if config.standalone is not None:
        try:
            initialize_before_listening(runtime)
        except BaseException as error:  # noqa: B036 - any failure of the initializer keeps the port closed
            sys.stderr.write(f"sluice python runtime: {error}; not listening, so this instance never becomes ready\n")
            sys.stderr.flush()
            os._exit(1)  # a stuck initializer's thread must not keep the process alive
    server = Server(runtime, config.port)
    line(f"FC Python runtime listening on 0.0.0.0:{server.port} (code {config.code_path}, handler {config.handler})")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
