#!/usr/bin/env bash
# Cold start and warm latency of the same greeting function in java17, nodejs20 and python3, side by side in one run.
#   bench/runtimes.sh [COLD_STARTS] [WARM_REQUESTS]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/gateway.sh"
java "$root/bench/Bench.java" runtimes "$base" "$token" "$root/sample-functions/hello/target/hello.jar" \
  "$root/testing/nodejs/event" "$root/testing/python/event" "${1:-5}" "${2:-2000}"
