"""The cases of bench/faults.sh, each against a real `sluice up`; prints one line per case: what was done, what
happened. Standard library only: raw sockets, because the cases are about what an HTTP client library would
never send."""
import json
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

ROOT, HOME, YAML = sys.argv[1:4]
KILL_ENGINE = "--kill-engine" in sys.argv[4:]
ENV = {**os.environ, "SLUICE_HOME": HOME}
gateway = None
base = ""
host, port = "127.0.0.1", 0


def say(case, outcome):
    print(f"{case:<58} {outcome}", flush=True)


def start_gateway(*extra):
    """Starts `sluice up` on a free port; returns once /readyz answers 200."""
    global gateway, base, host, port
    log = open(os.path.join(HOME, "sluice.log"), "a")
    gateway = subprocess.Popen(
        [os.path.join(ROOT, "sluice"), "up", "-p", "0", "-f", YAML, *extra],
        env=ENV, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        found = re.findall(r"gateway listening on (http://[^ ;\n]*)", open(log.name).read())
        if found:
            base = found[-1]
            host, port = base[len("http://"):].split(":")
            port = int(port)
            if http("GET", "/readyz")[0] == 200:
                return
        time.sleep(0.2)
    raise SystemExit("the gateway did not get ready; see " + log.name)


def stop_gateway(sig=signal.SIGTERM):
    if gateway and gateway.poll() is None:
        os.killpg(gateway.pid, sig)
        gateway.wait(60)


def token():
    return open(os.path.join(HOME, "admin-token")).read().strip()


def http(method, path, body=b"", headers=None, timeout=30):
    """Returns (status, body text, seconds); status 0 when there was no answer."""
    request = urllib.request.Request(base + path, data=body if method in ("POST", "PUT") else None,
                                     method=method, headers=headers or {})
    start = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode(), time.monotonic() - start
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(), time.monotonic() - start
    except (OSError, urllib.error.URLError) as e:
        return 0, str(e), time.monotonic() - start


def raw(data, read_for=15.0):
    """Sends bytes on a new connection; returns (what came back, whether the server closed, seconds)."""
    s = socket.create_connection((host, port))
    s.sendall(data)
    s.settimeout(read_for)
    got, closed, start = b"", False, time.monotonic()
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                closed = True
                break
            got += chunk
    except socket.timeout:
        pass
    s.close()
    return got, closed, time.monotonic() - start


def statuses(data):
    return [int(m) for m in re.findall(rb"HTTP/1\.1 (\d{3})", data)]


def keep_alive_call(s, body=b"x"):
    """Sends a call to hello on the open connection s; returns its status."""
    s.sendall(b"POST /invoke/hello HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
    head = b""
    while b"\r\n\r\n" not in head:
        head += s.recv(65536)
    length = int(re.search(rb"(?i)content-length: (\d+)", head).group(1))
    rest = head.split(b"\r\n\r\n", 1)[1]
    while len(rest) < length:
        rest += s.recv(65536)
    return statuses(head)[0]


def idle_connections(count=20000):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    kept = socket.create_connection((host, port), timeout=10)
    keep_alive_call(kept)
    held, refused = [], 0
    for _ in range(min(count, hard - 200)):
        try:
            held.append(socket.create_connection((host, port), timeout=5))
        except OSError:
            refused += 1
    health = http("GET", "/healthz", timeout=10)
    warm = keep_alive_call(kept)
    new_client = http("POST", "/invoke/hello", b"x", timeout=10)
    time.sleep(11)  # past the header timeout (10 s) of the idle ones
    closed = 0
    for s in held:
        s.setblocking(False)
        try:
            closed += s.recv(1) == b""
        except (BlockingIOError, OSError):
            pass
    later = http("POST", "/invoke/hello", b"x", timeout=10)
    for s in held + [kept]:
        s.close()
    say(f"{len(held) + refused} idle connections (limit 10000)",
        f"/healthz {health[0]}, warm call on a kept connection {warm}, new client {new_client[0]};"
        f" 11 s later {closed} idle ones closed by the gateway, new client {later[0]}")


def slowloris():
    s = socket.create_connection((host, port))
    start, sent = time.monotonic(), 0
    head = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 100
    try:
        for byte in head:
            s.sendall(bytes([byte]))
            sent += 1
            time.sleep(1)
            if time.monotonic() - start > 40:
                break
        outcome = f"not closed after {time.monotonic() - start:.0f} s"
    except OSError:
        outcome = f"closed after {time.monotonic() - start:.1f} s ({sent} bytes sent)"
    s.close()
    say("a head sent one byte a second", outcome)


def pipelined():
    request = lambda ms: (f"POST /invoke/sleep HTTP/1.1\r\nHost: x\r\nContent-Length: {len(str(ms))}\r\n\r\n{ms}"
                          .encode())
    got, _, _ = raw(request(1500) + request(10) + request(300), read_for=6)
    order = re.findall(rb"slept (\d+) ms", got)
    say("three pipelined calls of 1500, 10 and 300 ms", "answered in order " + b", ".join(order).decode())


def framing():
    both = b"POST /invoke/hello HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n"
    got, closed, _ = raw(both, read_for=10)
    close_header = b"connection: close" in got.lower()
    say("Content-Length and Transfer-Encoding: chunked together",
        f"{statuses(got)}, Connection: close {close_header}, connection closed {closed}")
    unknown = b"POST /invoke/hello HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: gzip\r\n\r\nx"
    got, closed, _ = raw(unknown, read_for=10)
    say("Transfer-Encoding: gzip (not chunked last)", f"{statuses(got)}, connection closed {closed}")


def big_unauthenticated_put():
    size = 30 * 1024 * 1024
    s = socket.create_connection((host, port))
    s.sendall(f"PUT /system/functions HTTP/1.1\r\nHost: x\r\nContent-Length: {size}\r\n\r\n".encode())
    s.settimeout(10)
    start, sent, answer = time.monotonic(), 0, b""
    chunk = b"a" * 65536
    try:
        s.setblocking(False)
        while sent < size and time.monotonic() - start < 20:
            try:
                sent += s.send(chunk)
            except BlockingIOError:
                time.sleep(0.01)
            try:
                answer += s.recv(4096)
                if answer:
                    break
            except BlockingIOError:
                pass
    except OSError:
        pass
    s.close()
    say("30 MB PUT /system/functions without the token",
        f"{statuses(answer) or 'no answer'} after {sent / 1048576:.1f} MB sent, {time.monotonic() - start:.2f} s")


def deploy_document(text):
    return http("PUT", "/system/functions", text.encode(),
                {"Authorization": "Bearer " + token(), "Content-Type": "application/yaml"}, timeout=120)


def bad_documents():
    line = "functions:\n  hello:\n    runtime: java17\n    handler: a.B::c\n    code: ./x.jar\n    env: { A: \"" + \
        "a" * (8 * 1024 * 1024) + "\" }\n"
    status, body, took = deploy_document(line)
    say("a document with an 8 MB line", f"{status} in {took:.2f} s: {json.loads(body).get('errorMessage', '')[:90]}")
    for code in ("/", "/etc"):
        status, body, _ = deploy_document(
            f"functions:\n  root:\n    runtime: nodejs20\n    code: {code}\n    handler: index.handler\n")
        say(f"code: {code}", f"{status}: {json.loads(body).get('errorMessage', '')[:110]}")
    status, body, _ = deploy_document(open(YAML).read().replace("functions:\n", (
        f"functions:\n  huge:\n    runtime: java17\n    code: {ROOT}/sample-functions/hello/target/hello.jar\n"
        "    handler: example.hello.HelloHandler::handleRequest\n    memory: 32Gi\n"), 1))
    time.sleep(1)
    notes = [l for l in open(os.path.join(HOME, "sluice.log")) if "asks for memory" in l]
    say("memory: 32Gi", f"{status}; console: {notes[-1].strip()[:120] if notes else 'nothing'}")


def addresses(function):
    status, body, _ = http("GET", "/system/functions/" + function, headers={"Authorization": "Bearer " + token()})
    ids = [i["container"] for i in json.loads(body)["instances"] if i.get("container")]
    out = subprocess.run(["docker", "inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}",
                          *ids], capture_output=True, text=True).stdout
    return out.split()


def cross_function():
    ask = lambda f, h, p: http("POST", "/invoke/" + f, json.dumps({"host": h, "port": p}).encode())[1]
    service = ask("reach-a", "greeter", 7000)
    ask("reach-b", "greeter", 7000)
    outcomes = {a: ask("reach-a", a, 9000) for a in addresses("reach-b")}
    say("one function connecting to another's instance (service by name: " + service + ")",
        "; ".join(f"{a}: {o}" for a, o in outcomes.items()))


def crash_after_put():
    extra = open(YAML).read().replace("functions:\n", "functions:\n  added:\n    runtime: nodejs20\n"
                                      f"    code: {ROOT}/testing/nodejs/reach\n    handler: index.handler\n", 1)
    status, _, _ = deploy_document(extra)
    stop_gateway(signal.SIGKILL)
    start_gateway()
    status_after, _, _ = http("GET", "/system/functions/added", headers={"Authorization": "Bearer " + token()})
    say("kill -9 of the gateway after PUT adds a function, then up", f"PUT {status}; after up: GET {status_after}")


def kill_engine():
    pid = int(open("/var/run/docker.pid").read().strip())
    http("POST", "/invoke/hello", b"warm")
    os.kill(pid, signal.SIGKILL)
    time.sleep(1)
    warm = http("POST", "/invoke/hello", b"x", timeout=70)
    cold = http("POST", "/invoke/added", b'{"host": "greeter", "port": 7000}', timeout=70)
    status, body, _ = http("GET", "/readyz")
    say("kill -9 of dockerd, then a warm call", f"{warm[0]} in {warm[2]:.2f} s: {warm[1][:100]}")
    say("  and a cold one", f"{cold[0]} in {cold[2]:.2f} s: {cold[1][:100]}")
    say("  /readyz meanwhile", f"{status}: {body[:120]}")
    if os.path.exists("/var/run/docker.pid"):
        os.remove("/var/run/docker.pid")  # a killed dockerd leaves it, and the next one refuses to start
    subprocess.run([os.path.join(ROOT, "sluice"), "setup"], env=ENV, capture_output=True)
    while subprocess.run(["docker", "version"], capture_output=True).returncode != 0:
        time.sleep(0.1)
    answers = time.monotonic()
    deadline = answers + 60
    calls = 0
    while time.monotonic() < deadline:
        calls += 1
        if http("POST", "/invoke/hello", b"x", timeout=10)[0] == 200:
            break
        time.sleep(0.2)
    say("  engine started again; from its first answer to a good call", f"{time.monotonic() - answers:.1f} s"
        f" ({calls} calls)")
    log = open(os.path.join(HOME, "sluice.log")).read().splitlines()
    for line in [l for l in log if "engine" in l.lower()][-4:]:
        print("      " + line[:150])


def main():
    start_gateway()
    try:
        idle_connections()
        slowloris()
        pipelined()
        framing()
        big_unauthenticated_put()
        bad_documents()
        cross_function()
        crash_after_put()
        if KILL_ENGINE:
            kill_engine()
    finally:
        stop_gateway()
        subprocess.run(["rm", "-rf", HOME])


main()
