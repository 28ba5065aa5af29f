#!/usr/bin/env bash
# A soak: CLIENTS concurrent clients (64) for SECONDS (600) against a warm function, with a share of calls (0.2 %) to a
# function whose instances are reclaimed after 2 s idle, so that cold starts and scale-in go on all the time.
# Every minute: calls, errors by status and type, p50/p99, the gateway's RSS and the instances. Stops by itself.
#   bench/soak.sh [SECONDS] [CLIENTS] [COLD_SHARE]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/gateway.sh
java "$root/bench/Soak.java" "$base" "$token" "$root/sample-functions/hello/target/hello.jar" "$gateway" \
  "${1:-600}" "${2:-64}" "${3:-0.002}"
