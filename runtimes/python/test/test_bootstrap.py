"""The Python runtime end to end: the real bootstrap in a process of its own, functions written to a temporary code
directory, and the platform's calls made over HTTP."""
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import unittest
from concurrent.futures import ThreadPoolExecutor

BOOTSTRAP = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bootstrap.py")

FUNCTIONS = {
    "index.py": """
        import json, threading
        initialized = []
        barrier = threading.Barrier(10, timeout=20)

        def initializer(context):
            initialized.append(context.request_id)

        def handler(event, context):
            return json.dumps({"event": event.decode(), "requestId": context.request_id,
                               "function": context.function.name, "initialized": len(initialized)})

        def as_dict(event, context):
            return {"answer": 42}

        def as_bytes(event, context):
            return bytes([0, 255])

        def together(event, context):
            barrier.wait()  # returns only once ten calls run at the same time
            return "together"

        def fails(event, context):
            raise ValueError("the event was bad")

        def env(event, context):
            import os
            return os.environ.get(event.decode(), "<unset>")

        def trace(event, context):
            return context.tracing.traceparent

        def logs(event, context):
            import logging
            logging.getLogger("app.orders").info("order %s taken", event.decode())
            context.logger.warning("stock low")
            return "logged"

        def uses_dependency(event, context):
            import greeting_dep
            return greeting_dep.greet(event.decode())
    """,
    "failing_init.py": """
        runs = []

        def initializer(context):
            runs.append(1)
            raise RuntimeError("no database")

        def handler(event, context):
            return "never"

        def count_runs(context):
            raise RuntimeError(f"initializer runs: {len(runs)}")
    """,
    "wsgi_app.py": """
        def app(environ, start_response):
            body = environ["wsgi.input"].read()
            info = {"method": environ["REQUEST_METHOD"], "path": environ["PATH_INFO"],
                    "query": environ["QUERY_STRING"], "custom": environ.get("HTTP_X_CUSTOM"),
                    "cookie": environ.get("HTTP_COOKIE"), "type": environ.get("CONTENT_TYPE"),
                    "length": len(body), "fcHeaders": [k for k in environ if k.startswith("HTTP_X_FC_")]}
            start_response("201 Created", [("Content-Type", "application/json"), ("Set-Cookie", "a=1"),
                                            ("Set-Cookie", "b=2"), ("x-fc-status", "200")])
            if environ["PATH_INFO"] == "/echo":
                return [body]
            return [json.dumps(info).encode()]

        import json
    """,
    "python/greeting_dep.py": """
        def greet(name):
            return "hello, " + name
    """,
}


class Runtime:
    """A bootstrap process on a free port, with `env` added to its environment."""

    def __init__(self, code, env):
        self.process = subprocess.Popen(
            [sys.executable, BOOTSTRAP],
            env={**os.environ, "FC_FUNC_CODE_PATH": code, "FC_SERVER_PORT": "0", "PYTHONUNBUFFERED": "1", **env},
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        first = self.process.stdout.readline()
        if "listening on 0.0.0.0:" not in first:
            raise AssertionError(f"the runtime did not start: {first}{self.process.stdout.read()}")
        self.port = int(first.split("0.0.0.0:")[1].split(" ")[0])
        self.output = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for text in self.process.stdout:
            self.output.append(text)

    def call(self, method, path, body=b"", headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.getheaders(), response.read()
        finally:
            connection.close()

    def lines_with(self, fragment, count):
        """The first `count` output lines holding `fragment`, once written: the output is read on another thread."""
        deadline = time.monotonic() + 10
        while True:
            found = [text for text in list(self.output) if fragment in text]
            if len(found) >= count or time.monotonic() > deadline:
                return found
            time.sleep(0.01)

    def stop(self):
        self.process.kill()
        self.process.wait()
        self.process.stdout.close()


class BootstrapTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.temp = tempfile.TemporaryDirectory()
        for name, source in FUNCTIONS.items():
            path = os.path.join(cls.temp.name, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as file:
                file.write(textwrap.dedent(source))

    @classmethod
    def tearDownClass(cls):
        cls.temp.cleanup()

    def start(self, handler, initializer=None):
        env = {"FC_FUNCTION_HANDLER": handler}
        if initializer:
            env["FC_FUNCTION_INITIALIZER"] = initializer
        runtime = Runtime(self.temp.name, env)
        self.addCleanup(runtime.stop)
        return runtime

    def test_the_initializer_runs_once_before_calls_that_get_the_event_and_context(self):
        runtime = self.start("index.handler", "index.initializer")

        refused = runtime.call("POST", "/invoke", b"early", {"x-fc-request-id": "r0"})
        first = runtime.call("POST", "/initialize", b"", {"x-fc-request-id": "init-1"})
        again = runtime.call("POST", "/initialize", b"", {"x-fc-request-id": "init-2"})
        status, headers, body = runtime.call("POST", "/invoke", b"hi",
                                             {"x-fc-request-id": "r1", "x-fc-function-name": "hello"})

        self.assertEqual(refused[0], 404)
        self.assertEqual(json.loads(refused[2])["errorType"], "InitializationError")
        self.assertEqual((first[0], again[0]), (200, 200))
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(body), {"event": "hi", "requestId": "r1", "function": "hello", "initialized": 1})
        self.assertIn(("x-fc-request-id", "r1"), headers)
        self.assertEqual(runtime.lines_with("RequestId: r1\n", 2),
                         ["FC Invoke Start RequestId: r1\n", "FC Invoke End RequestId: r1\n"])

    def test_a_failed_initializer_is_never_run_again_and_every_call_gets_its_failure(self):
        runtime = self.start("failing_init.handler", "failing_init.initializer")

        first = runtime.call("POST", "/initialize")
        second = runtime.call("POST", "/initialize")
        call = runtime.call("POST", "/invoke", b"x")

        self.assertEqual(json.loads(first[2])["errorMessage"], "no database")
        self.assertEqual(json.loads(second[2])["errorMessage"], "no database")
        self.assertEqual(json.loads(call[2])["errorType"], "InitializationError")
        self.assertIn("no database", json.loads(call[2])["errorMessage"])
        # A lifecycle hook runs whatever the initializer did: it reports how often the initializer ran.
        count = runtime.call("POST", "/pre-stop", b"",
                             {"x-fc-instance-lifecycle-pre-stop-handler": "failing_init.count_runs"})
        self.assertEqual(json.loads(count[2])["errorMessage"], "initializer runs: 1")

    def test_an_initializer_that_cannot_be_found_fails_for_good(self):
        runtime = self.start("index.handler", "missing_module.initializer")

        first = runtime.call("POST", "/initialize")
        second = runtime.call("POST", "/initialize")

        self.assertEqual(json.loads(first[2])["errorType"], "ModuleNotFoundError")
        self.assertEqual(second[2], first[2], "the same failure, its trace not grown")
        self.assertEqual(json.loads(runtime.call("POST", "/invoke")[2])["errorType"], "InitializationError")

    def test_log_lines_carry_the_request_id_of_their_call(self):
        runtime = self.start("index.logs")

        runtime.call("POST", "/invoke", b"17", {"x-fc-request-id": "r-log"})

        lines = runtime.lines_with(" r-log [", 2)
        self.assertRegex(lines[0], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z r-log \[INFO\] order 17 taken\n$")
        self.assertTrue(lines[1].endswith(" r-log [WARNING] stock low\n"), lines)

    def test_the_context_carries_the_calls_traceparent(self):
        runtime = self.start("index.trace")
        traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

        with_trace = runtime.call("POST", "/invoke", b"", {"x-fc-request-id": "r-t", "traceparent": traceparent})
        without = runtime.call("POST", "/invoke", b"", {"x-fc-request-id": "r-n"})

        self.assertEqual(with_trace[2].decode(), traceparent)
        self.assertEqual(without[2], b"")

    def test_results_are_bytes_str_or_json(self):
        self.assertEqual(self.start("index.as_dict").call("POST", "/invoke")[2], b'{"answer": 42}')
        self.assertEqual(self.start("index.as_bytes").call("POST", "/invoke")[2], bytes([0, 255]))

    def test_a_raising_function_answers_a_function_error_with_its_own_frames(self):
        status, headers, body = self.start("index.fails").call("POST", "/invoke", b"x")

        error = json.loads(body)
        self.assertEqual(status, 404)
        self.assertIn(("x-fc-status", "404"), headers)
        self.assertEqual((error["errorType"], error["errorMessage"]), ("ValueError", "the event was bad"))
        self.assertTrue(error["stackTrace"][-1].endswith("in fails"), error["stackTrace"])
        self.assertFalse(any("bootstrap.py" in frame for frame in error["stackTrace"]), error["stackTrace"])

    def test_ten_calls_run_at_once_in_one_instance(self):
        runtime = self.start("index.together")
        with ThreadPoolExecutor(10) as pool:
            answers = list(pool.map(lambda _: runtime.call("POST", "/invoke", b"")[2], range(10)))
        self.assertEqual(answers, [b"together"] * 10)

    def test_a_wsgi_function_sees_the_clients_request_and_its_reply_is_sent_as_set(self):
        runtime = self.start("wsgi_app.app")

        status, headers, body = runtime.call(
            "PUT", "/api/items%207?x=1&tag=a&tag=b", b'{"n": 1}',
            {"x-fc-control-path": "/http-invoke", "X-Custom": "hello", "Cookie": "session=abc; theme=dark",
             "Content-Type": "application/json", "x-fc-access-key-secret": "s3cret"})

        self.assertEqual(status, 201)
        self.assertEqual([v for n, v in headers if n.lower() == "set-cookie"], ["a=1", "b=2"])
        self.assertNotIn("x-fc-status", [n.lower() for n, _ in headers])
        self.assertEqual(json.loads(body), {"method": "PUT", "path": "/api/items 7", "query": "x=1&tag=a&tag=b",
                                            "custom": "hello", "cookie": "session=abc; theme=dark",
                                            "type": "application/json", "length": 8, "fcHeaders": []})

    def test_the_answer_to_a_head_request_has_no_body(self):
        runtime = self.start("wsgi_app.app")
        with socket.create_connection(("127.0.0.1", runtime.port), timeout=30) as sock:
            sock.sendall(b"HEAD /x HTTP/1.1\r\nx-fc-control-path: /http-invoke\r\n\r\n"
                         b"POST /invoke HTTP/1.1\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
            replies = b""
            while chunk := sock.recv(65536):
                replies += chunk
        first, _, rest = replies.partition(b"\r\n\r\n")
        self.assertTrue(first.startswith(b"HTTP/1.1 201 "), replies)
        self.assertTrue(rest.startswith(b"HTTP/1.1 "), "the next reply follows the head at once: " + repr(replies))

    def test_five_mebibytes_go_both_ways_and_a_chunked_body_is_read(self):
        runtime = self.start("wsgi_app.app")
        big = os.urandom(5 * 1024 * 1024)

        status, _, body = runtime.call("POST", "/echo", big, {"x-fc-control-path": "/http-invoke"})
        self.assertEqual((status, body), (201, big))

        with socket.create_connection(("127.0.0.1", runtime.port), timeout=30) as sock:
            sock.sendall(b"POST /echo HTTP/1.1\r\nx-fc-control-path: /http-invoke\r\nTransfer-Encoding: chunked\r\n"
                         b"\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
                         b"POST /invoke HTTP/1.1\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
            replies = b""
            while chunk := sock.recv(65536):
                replies += chunk
        self.assertIn(b"\r\n\r\nhello world", replies)
        self.assertEqual(replies.count(b"HTTP/1.1 "), 2, replies)

    def test_a_dependency_installed_next_to_the_code_under_python_is_found(self):
        self.assertEqual(self.start("index.uses_dependency").call("POST", "/invoke", b"fc")[2], b"hello, fc")

    def test_a_stem_cell_takes_its_environment_once(self):
        runtime = self.start("index.env")

        first = runtime.call("POST", "/specialize", b"GREETING=hi%20there&OTHER=")
        second = runtime.call("POST", "/specialize", b"GREETING=again")
        value = runtime.call("POST", "/invoke", b"GREETING")

        self.assertEqual(first[0], 200)
        self.assertEqual(second[0], 404)
        self.assertEqual(value[2], b"hi there")

    def test_what_cannot_be_read_is_refused_with_the_reason(self):
        runtime = self.start("index.handler")
        for request, status in ((b"GARBAGE\r\n\r\n", b"400"), (b"GET / HTTP/2.0\r\n\r\n", b"505"),
                                (b"POST /invoke HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", b"501"),
                                (b"POST /invoke HTTP/1.1\r\nContent-Length: 3, 4\r\n\r\nabcd", b"400")):
            with socket.create_connection(("127.0.0.1", runtime.port), timeout=30) as sock:
                sock.sendall(request)
                self.assertTrue(sock.recv(65536).startswith(b"HTTP/1.1 " + status), request)
        unknown = runtime.call("POST", "/invokeX")
        wrong = runtime.call("GET", "/invoke")
        self.assertEqual((unknown[0], wrong[0]), (404, 405))
        self.assertNotIn(("x-fc-status", "404"), unknown[1])


if __name__ == "__main__":
    unittest.main()
