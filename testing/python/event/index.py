# An FC Python event function with an initializer, for the integration tests.
import logging
import os
import threading

initialized = 0
greeting = None
running = 0
most_at_once = 0
lock = threading.Lock()
ten_at_once = threading.Barrier(10, timeout=30)


def initializer(context):
    global initialized, greeting
    initialized += 1
    greeting = os.environ.get("GREETING", "Hello")


def handler(event, context):
    name = event.decode().strip() or "world"
    if name == "fail":
        raise ValueError("asked to fail")
    if name == "together":
        ten_at_once.wait()  # returns only once ten calls run at the same time in this process
        return "together"
    logging.getLogger().info("greeting %s", name)
    return f"{greeting}, {name}! initialized {initialized} time(s); request {context.request_id}"
