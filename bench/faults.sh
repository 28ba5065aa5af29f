#!/usr/bin/env bash
# The fault-and-abuse cases a new user might hit, each tried against a real `sluice up` of this checkout, with
# what happened: idle connections beyond the limit, a slowloris client, pipelined calls, ambiguous framing, a big
# unauthenticated upload, a deployment document with an 8 MB line, code: /, a memory no host has, one function
# calling another's instance directly, and kill -9 of the gateway after a deployment made through the API.
# With --kill-engine also kill -9 of the Docker engine with a warm instance (only an engine Sluice started: it is
# started again the way Sluice starts it). Stops by itself and removes what it started.
#   bench/faults.sh [--kill-engine]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/sluice" --help >/dev/null   # builds first if needed
home="$(mktemp -d)"
yaml="$home/faults.yml"
reach="$root/testing/nodejs/reach"
cat >"$yaml" <<YAML
services:
  greeter: { runtime: nodejs20, code: $reach, command: [node, /code/server.js], port: 7000 }
functions:
  hello:
    runtime: java17
    code: $root/sample-functions/hello/target/hello.jar
    handler: example.hello.HelloHandler::handleRequest
  sleep:
    runtime: java17
    code: $root/testing/functions/target/testing-functions.jar
    handler: dev.sluice.testing.functions.Sleep::handleRequest
    instanceConcurrency: 10
  reach-a: { runtime: nodejs20, code: $reach, handler: index.handler }
  reach-b: { runtime: custom, code: $reach }
YAML
exec python3 "$root/bench/faults.py" "$root" "$home" "$yaml" "$@"
