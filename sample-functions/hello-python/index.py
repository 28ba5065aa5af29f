# hello in Python, with FC's signatures: an event handler, an HTTP (WSGI) handler, and an initializer that prepares
# the greeting once per instance, the way real functions open their connection pools.
import logging
import os
import urllib.parse
from datetime import datetime, timezone

greeting = None
initialized_at = None


def initialize(context):
    global greeting, initialized_at
    greeting = os.environ.get("GREETING") or "Hello"
    initialized_at = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
    logging.getLogger().info('initialized with greeting "%s"', greeting)


def handler(event, context):
    if greeting is None:
        raise RuntimeError("handler ran before the initializer")
    name = event.decode().strip() or "world"
    return f"{greeting}, {name}! (instance initialized at {initialized_at})\n"


def web(environ, start_response):
    name = urllib.parse.parse_qs(environ["QUERY_STRING"]).get("name", ["world"])[0]
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
    return [f"{greeting}, {name}! ({environ['REQUEST_METHOD']} {environ['PATH_INFO']})\n".encode()]
