# The runtime conformance function, written alike for every runtime (see the Java Conformance class): the event is
# a command. init: how many times the initializer ran; fail: an error; context: what the context says; trace: the
# call's traceparent as the context has it; sleep:N:
# sleeps N ms and answers its start and end (epoch ms); bytes:N: N bytes of 'x'; anything else is echoed byte for byte.
import json
import time

initialized = 0


def initializer(context):
    global initialized
    initialized += 1


def handler(event, context):
    command = "" if len(event) > 64 else event.decode("utf-8", "replace")
    if command == "init":
        return str(initialized)
    if command == "fail":
        raise RuntimeError("asked to fail")
    if command == "context":
        return json.dumps({"requestId": context.request_id, "function": context.function.name,
                           "memory": str(context.function.memory)}, separators=(",", ":"))
    if command == "trace":
        return context.tracing.traceparent
    if command.startswith("sleep:"):
        start = int(time.time() * 1000)
        time.sleep(int(command[len("sleep:"):]) / 1000)
        return f"{start},{int(time.time() * 1000)}"
    if command.startswith("bytes:"):
        return b"x" * int(command[len("bytes:"):])
    return event
