#!/usr/bin/env bash
# The hello function's cold start by phase, and its warm latency via the gateway against the same container hit
# directly, interleaved request by request.
#   bench/invoke-latency.sh [COLD_STARTS] [WARM_REQUESTS]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/gateway.sh"
java "$root/bench/Bench.java" latency "$base" "$token" \
  "$root/sample-functions/hello/target/hello.jar" "${1:-5}" "${2:-3000}"
