#!/usr/bin/env bash
# From `sluice up -f` to the first 200 of a Node.js function, and the gateway's memory: ROUNDS times (3) a gateway
# is started with the no-op function of bench/peers/functions.yml on a fresh state directory (the runtime image and
# the launcher's class-data archive are made before the first round, unmeasured) and called until it answers, in
# turn with the launcher's class-data archive and without it (SLUICE_CDS=off); then each way's last gateway's
# resident memory (VmRSS of its JVM) idle, and after SECONDS (10) of wrk at 32 connections.
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
    stop_gateway "$pid"
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
printf 'wrk.method = "POST"\nwrk.body = "x"\n' >"$scratch/body.lua"

# round VARIANT R: one start to the first 200, its time appended to the variant's list; with the variant's last
# round, its gateway's memory idle (2 s after) and under load, then stopped.
round() {
  local variant="$1" r="$2" home="$scratch/$1-$2" started
  started="$(now_ms)"
  if [ "$variant" = archive ]; then up "$home"; else SLUICE_CDS=off up "$home"; fi
  base=""
  for _ in $(seq 1 600); do   # at most 30 s
    [ -n "$base" ] || base="$(grep -o -E '(gateway listening on|sluice is up on) http://[^ ;]*' "$home/sluice.log" | head -n 1 | awk '{print $NF}' || true)"
    if [ -n "$base" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -d x "$base/invoke/noop" || true)" = 200 ]; then
      break
    fi
    sleep 0.05   # not faster: each try starts a process, which would slow the start it measures
  done
  eval "times_$variant+=(\"$(($(now_ms) - started))\")"
  if [ "$r" = "$rounds" ]; then
    local gateway
    gateway="$(gateway_jvm "$pid")"
    sleep 2
    eval "idle_$variant=$(rss "$gateway")"
    wrk -t2 -c32 -d"${seconds}s" -s "$scratch/body.lua" "$base/invoke/noop" >/dev/null &
    local load=$!
    sleep "$((seconds - 1))"
    eval "busy_$variant=$(rss "$gateway")"
    wait "$load"
  fi
  stop
}
rss() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

# The two ways to start, round after round, so that both see the machine as it is at the time.
times_archive=() times_off=()
for ((r = 1; r <= rounds; r++)); do
  round archive "$r"
  round off "$r"
done

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "sluice up -f (one nodejs20 function) to its first 200, $rounds rounds each (ms), and the gateway's VmRSS (MB)"
echo "  with the class-data archive:   ${times_archive[*]}  median $(median "${times_archive[@]}");" \
  "idle $idle_archive, during c32 $busy_archive"
echo "  without it (SLUICE_CDS=off):   ${times_off[*]}  median $(median "${times_off[@]}");" \
  "idle $idle_off, during c32 $busy_off"
