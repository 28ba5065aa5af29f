#!/usr/bin/env bash
# Starts a gateway of its own (free port, throwaway state directory), measures the hello function's cold start by
# phase and its warm latency via the gateway against the same container hit directly, then stops the gateway.
#   bench/invoke-latency.sh [COLD_STARTS] [WARM_REQUESTS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
home="$(mktemp -d)"
log="$home/sluice.log"

"$root/sluice" --help >/dev/null   # builds first if needed, outside the measurement
SLUICE_HOME="$home" "$root/sluice" up -p 0 >"$log" 2>&1 &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$home"' EXIT

for _ in $(seq 1 600); do
  grep -q "sluice is up on" "$log" && break
  kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.2
done
base="$(grep -o 'sluice is up on http://[^ ]*' "$log" | awk '{print $NF}')"
echo "gateway $base, $(nproc) cores, $(java -version 2>&1 | head -1)"
java "$root/bench/InvokeBench.java" "$base" "$(cat "$home/admin-token")" \
  "$root/sample-functions/hello/target/hello.jar" "${1:-5}" "${2:-3000}"
