#!/usr/bin/env bash
# First-invocation latency cold, from a stem cell and warm; time from 0 to 10 ready instances under a burst; warm
# throughput through the gateway against the same container hit directly. Each side by side in one run.
#   bench/scaling.sh [ROUNDS] [THROUGHPUT_SECONDS] [CLIENTS]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/gateway.sh"
java "$root/bench/Bench.java" scaling "$base" "$token" "$root/sample-functions/hello/target/hello.jar" \
  "$root/testing/functions/target/testing-functions.jar" "${1:-3}" "${2:-5}" "${3:-8}"
