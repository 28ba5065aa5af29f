#!/usr/bin/env bash
# Where the gateway spends its CPU on the warm path: a JDK Flight Recording of the gateway while wrk sends a no-op
# Node.js function CONNECTIONS concurrent calls (32) for SECONDS (20), then the gateway's CPU time per call and its
# hottest methods (own samples, and with what they call). The recording is kept for JDK Mission Control.
#   bench/profile.sh [SECONDS] [CONNECTIONS]      (needs wrk: apt-get install -y wrk)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${1:-20}"
connections="${2:-32}"
command -v wrk >/dev/null || { echo "bench/profile.sh needs wrk (apt-get install -y wrk)" >&2; exit 1; }
out="$root/bench/target/profile"
mkdir -p "$out"
recording="$out/gateway.jfr"
rm -f "$recording"
"$root/sluice" --help >/dev/null   # builds first if needed
home="$(mktemp -d)"
yaml="$root/bench/peers/functions.yml"   # the no-op bench/peers.sh measures
# The recording starts with the gateway and is dumped when it stops; only the measured window is read from it.
JAVA_TOOL_OPTIONS="-XX:StartFlightRecording=filename=$recording,settings=profile,dumponexit=true" \
  SLUICE_HOME="$home" "$root/sluice" up -p 0 -f "$yaml" >"$home/sluice.log" 2>&1 &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$home"' EXIT
source "$root/bench/ready.sh"
base="$(await_ready "$home/sluice.log")"
gateway="$(gateway_jvm "$pid")"
body="$home/body.lua"
printf 'wrk.method = "POST"\nwrk.body = "x"\n' > "$body"
wrk -t2 -c"$connections" -d5s -s "$body" "$base/invoke/noop" >/dev/null   # warm-up: JIT, pools
cpu() { awk '{print $14 + $15}' "/proc/$gateway/stat"; }
before="$(cpu)"
start="$(date +%s.%N)"
result="$(wrk -t2 -c"$connections" -d"${seconds}s" -s "$body" "$base/invoke/noop")"
end="$(date +%s.%N)"
after="$(cpu)"
requests="$(echo "$result" | awk '/requests in/ {print $1}')"
echo "$result" | grep -E "Latency|Req/Sec|requests in|Requests/sec|Non-2xx"
awk -v t="$((after - before))" -v n="$requests" -v hz="$(getconf CLK_TCK)" \
  'BEGIN { printf "gateway CPU: %.1f us per call (%d calls)\n", t / hz * 1e6 / n, n }'
kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
trap 'rm -rf "$home"' EXIT
java "$root/bench/HotMethods.java" "$recording" "$start" "$end"
echo "recording: $recording"
