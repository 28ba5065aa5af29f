#!/usr/bin/env bash
# From `sluice up -f` to the first 200 of a Node.js function, and the gateway's memory: ROUNDS times (3) a gateway
# is started with the no-op function of bench/peers/functions.yml on a fresh state directory (the runtime image and
# the launcher's class-data archive are made before the first round, unmeasured) and called until it answers; then the last gateway's resident memory
# (VmRSS of its JVM) idle, and after SECONDS (10) of wrk at 32 connections.
#   bench/startup.sh [ROUNDS] [SECONDS]      (needs wrk: apt-get install -y wrk)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
rounds="${1:-3}"
seconds="${2:-10}"
command -v wrk >/dev/null || { echo "bench/startup.sh needs wrk (apt-get install -y wrk)" >&2; exit 1; }
yaml="$root/bench/peers/functions.yml"
scratch="$(mktemp -d)"
pid=""
stop() {
  if [ -n "$pid" ]; then
    kill -TERM "$pid" 2>/dev/null || true
    timeout 30 tail --pid="$pid" -f /dev/null 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    pid=""
  fi
}
trap 'stop; rm -rf "$scratch"' EXIT
source "$root/bench/ready.sh"

# up HOME: starts a gateway on a fresh state directory; sets pid
up() {
  mkdir -p "$1"
  SLUICE_HOME="$1" "$root/sluice" up -p 0 -f "$yaml" >"$1/sluice.log" 2>&1 &
  pid="$!"
}

# The build, the runtime image and the class-data archive (written when this first gateway stops), outside the
# measurement.
up "$scratch/prepare"
base="$(await_ready "$scratch/prepare/sluice.log")"
[ -n "$base" ] || { echo "startup.sh: the gateway did not start; see its log:" >&2; cat "$scratch/prepare/sluice.log" >&2; exit 1; }
stop

now_ms() { date +%s%3N; }
times=()
for ((r = 1; r <= rounds; r++)); do
  home="$scratch/round-$r"
  started="$(now_ms)"
  up "$home"
  base=""
  for _ in $(seq 1 600); do   # at most 30 s
    [ -n "$base" ] || base="$(grep -o -E '(gateway listening on|sluice is up on) http://[^ ;]*' "$home/sluice.log" | head -n 1 | awk '{print $NF}' || true)"
    if [ -n "$base" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -d x "$base/invoke/noop" || true)" = 200 ]; then
      break
    fi
    sleep 0.05   # not faster: each try starts a process, which would slow the start it measures
  done
  times+=("$(($(now_ms) - started))")
  [ "$r" = "$rounds" ] || stop
done

gateway="$(pgrep -P "$pid" java || echo "$pid")"
rss() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$gateway/status"; }
sleep 2
idle="$(rss)"
printf 'wrk.method = "POST"\nwrk.body = "x"\n' >"$scratch/body.lua"
wrk -t2 -c32 -d"${seconds}s" -s "$scratch/body.lua" "$base/invoke/noop" >/dev/null &
load=$!
sleep "$((seconds - 1))"
busy="$(rss)"
wait "$load"

echo "sluice up -f (one nodejs20 function) to its first 200, $rounds rounds (ms): ${times[*]}"
printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { print "  median " v[int((NR + 1) / 2)] " ms" }'
echo "gateway resident memory (VmRSS): idle ${idle} MB, during c32 ${busy} MB"
