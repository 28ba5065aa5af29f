# Reports what an instance sees of its environment, as JSON (the twin of the Node.js probe and the Java
# EnvironmentProbe): user, working directory, environment, whether /tmp and HOME take files and Unix sockets, the
# size of /tmp, the memory limit, and whether /code takes files.
import json
import os
import socket


def writes(directory):
    try:
        path = os.path.join(directory, f"probe-{os.getpid()}.txt")
        with open(path, "w") as file:
            file.write("written")
        os.unlink(path)
        return True
    except OSError:
        return False


def listens(directory):
    path = os.path.join(directory, f"probe-{os.getpid()}.sock")
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
            server.bind(path)
            server.listen(1)
        os.unlink(path)
        return True
    except OSError:
        return False


def memory_limit_mb():
    for name in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        try:
            with open(name) as file:
                value = file.read().strip()
            return -1 if value == "max" else int(value) // (1024 * 1024)
        except OSError:
            continue
    return -1


def handler(event, context):
    tmp = os.statvfs("/tmp")
    home = os.environ.get("HOME")
    return json.dumps({
        "uid": os.getuid(),
        "cwd": os.getcwd(),
        "env": dict(os.environ),
        "tmpWritable": writes("/tmp"),
        "tmpSocket": listens("/tmp"),
        "homeWritable": bool(home) and writes(home),
        "tmpMb": tmp.f_blocks * tmp.f_frsize // (1024 * 1024),
        "memoryLimitMb": memory_limit_mb(),
        "codeWritable": writes("/code"),
    })


def initializer(context):
    """Configured only so that the initializer's variables are set."""
