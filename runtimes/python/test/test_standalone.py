"""The Python runtime with no platform in front (SLUICE_STANDALONE), as in an image exported for Knative: the
initializer runs before the port opens, and every plain request is a call."""
import http.client
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

BOOTSTRAP = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bootstrap.py")

FUNCTION = """
    import time
    initialized = []

    def initializer(context):
        initialized.append(context.request_id)

    def fail(context):
        raise ConnectionError("cannot reach the database")

    def stuck(context):
        time.sleep(60)

    def handler(event, context):
        return f"initialized {len(initialized)} time(s); event {event.decode()}"

    def app(environ, start_response):
        start_response("201 Created", [("Content-Type", "text/plain")])
        fc = sorted(k for k in environ if k.startswith("HTTP_X_"))
        return [f"{environ['REQUEST_METHOD']} {environ['PATH_INFO']} {environ['QUERY_STRING']} {fc}".encode()]
"""


class StandaloneTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.temp = tempfile.TemporaryDirectory()
        with open(os.path.join(cls.temp.name, "index.py"), "w") as file:
            file.write(textwrap.dedent(FUNCTION))

    @classmethod
    def tearDownClass(cls):
        cls.temp.cleanup()

    def spawn(self, env):
        process = subprocess.Popen(
            [sys.executable, BOOTSTRAP],
            env={**os.environ, "FC_FUNC_CODE_PATH": self.temp.name, "FC_SERVER_PORT": "0", "PYTHONUNBUFFERED": "1",
                 **env},
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.addCleanup(process.stdout.close)
        self.addCleanup(process.wait)
        self.addCleanup(process.kill)
        return process

    def start(self, env):
        """Returns the port and the lines printed before it opened."""
        process = self.spawn(env)
        before = []
        for text in process.stdout:
            if "listening on 0.0.0.0:" in text:
                return int(text.split("0.0.0.0:")[1].split(" ")[0]), before
            before.append(text)
        raise AssertionError("the runtime exited before listening: " + "".join(before))

    @staticmethod
    def call(port, method, path, body=b"", headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read().decode()
        finally:
            connection.close()

    def test_event_mode_runs_the_initializer_before_listening_and_takes_a_plain_post_as_the_event(self):
        port, before = self.start({"SLUICE_STANDALONE": "event", "FC_FUNCTION_HANDLER": "index.handler",
                                   "FC_FUNCTION_INITIALIZER": "index.initializer", "HOSTNAME": "pod-1"})

        status, headers, body = self.call(port, "POST", "/", b"ping")
        as_init = self.call(port, "POST", "/initialize", b"again", {"x-fc-control-path": "/initialize"})
        get = self.call(port, "GET", "/")

        self.assertEqual(before, ["FC Initialize Start RequestId: init-pod-1\n",
                                  "FC Initialize End RequestId: init-pod-1\n"])
        self.assertEqual((status, body), (200, "initialized 1 time(s); event ping"))
        self.assertTrue(headers["x-fc-request-id"].startswith("local-"))
        self.assertEqual(as_init[2], "initialized 1 time(s); event again")
        self.assertEqual((get[0], get[1]["allow"]), (405, "POST"))

    def test_http_mode_hands_every_request_to_the_wsgi_app_without_the_clients_fc_headers(self):
        port, _ = self.start({"SLUICE_STANDALONE": "http", "FC_FUNCTION_HANDLER": "index.app"})

        status, _, body = self.call(port, "PUT", "/api/rule?x=1", b"b",
                                    {"x-fc-control-path": "/invoke", "x-fc-access-key-secret": "s", "x-custom": "k"})

        self.assertEqual((status, body), (201, "PUT /api/rule x=1 ['HTTP_X_CUSTOM']"))

    def test_a_failing_initializer_ends_the_process_before_the_port_opens(self):
        process = self.spawn({"SLUICE_STANDALONE": "http", "FC_FUNCTION_HANDLER": "index.app",
                              "FC_FUNCTION_INITIALIZER": "index.fail"})

        output = process.stdout.read()

        self.assertEqual(process.wait(timeout=30), 1)
        self.assertNotIn("listening on", output)
        self.assertIn("[ERROR] Traceback", output)
        self.assertIn("initializer index.fail failed: cannot reach the database; not listening", output)

    def test_an_initializer_past_its_timeout_ends_the_process_before_the_port_opens(self):
        process = self.spawn({"SLUICE_STANDALONE": "event", "FC_FUNCTION_HANDLER": "index.handler",
                              "FC_FUNCTION_INITIALIZER": "index.stuck", "FC_INITIALIZATION_TIMEOUT": "1"})

        output = process.stdout.read()

        self.assertEqual(process.wait(timeout=30), 1)
        self.assertNotIn("listening on", output)
        self.assertIn("initializer index.stuck did not finish within 1 s; not listening", output)

    def test_an_unknown_mode_is_refused_with_a_clear_message(self):
        process = self.spawn({"SLUICE_STANDALONE": "events"})

        output = process.stdout.read()

        self.assertEqual(process.wait(timeout=30), 2)
        self.assertIn("SLUICE_STANDALONE: events (expected: http or event)", output)


if __name__ == "__main__":
    unittest.main()
