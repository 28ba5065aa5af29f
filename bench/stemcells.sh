#!/usr/bin/env bash
# The first call served by a stem cell, in a deployment without services (bench/stemcells/stemcells.yml): ROUNDS
# times (3) a gateway is started, waits for its two stem cells (nodejs20, java17), and each function is called
# once (its first call, from a cell) and once more (warm). Prints what the client saw and the gateway's own
# phases of that cold start (specialize, initializer). With PREVIOUS=REV, the same for Sluice at revision REV
# (built in a temporary worktree), first.
#   bench/stemcells.sh [ROUNDS]
#   PREVIOUS=2cefceb bench/stemcells.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"
scratch="$(mktemp -d)"
pid=""
stop() {
  if [ -n "$pid" ]; then
    stop_gateway "$pid"
    pid=""
  fi
}
cleanup() {
  stop
  for revision in ${PREVIOUS:-}; do git -C "$root" worktree remove --force "$scratch/previous-$revision" >/dev/null 2>&1 || true; done
  rm -rf "$scratch"
}
trap cleanup EXIT
source "$root/bench/ready.sh"
ms() { awk -v s="$1" 'BEGIN { printf "%.0f", s * 1000 }'; }

# measure CHECKOUT LABEL: ROUNDS starts of that checkout's gateway, one line per round.
measure() {
  local checkout="$1" label="$2" r home base token ready f cold warm phases line
  "$checkout/sluice" --help >/dev/null   # its build, outside the measurement
  for ((r = 1; r <= rounds; r++)); do
    home="$scratch/$label-$r"
    mkdir -p "$home"
    # From this checkout, where the functions' code is (an earlier revision's gateway too).
    (cd "$root" && SLUICE_HOME="$home" exec "$checkout/sluice" up -p 0 -f bench/stemcells/stemcells.yml) \
      >"$home/sluice.log" 2>&1 &
    pid=$!
    base="$(await_ready "$home/sluice.log")"
    token="$(cat "$home/admin-token")"
    for _ in $(seq 1 300); do   # at most 60 s for both cells
      ready="$(curl -sf -H "Authorization: Bearer $token" "$base/system/functions" |
        grep -o '"stemCellsReady":[0-9]*' | cut -d: -f2 || true)"
      [ "${ready:-0}" -ge 2 ] && break
      sleep 0.2
    done
    line="$label, round $r:"
    for f in noop hello-java; do
      cold="$(curl -s -o /dev/null -w '%{time_total}' -X POST -d '{}' "$base/invoke/$f")"
      warm="$(curl -s -o /dev/null -w '%{time_total}' -X POST -d '{}' "$base/invoke/$f")"
      phases="$(curl -sf -H "Authorization: Bearer $token" "$base/system/functions/$f" | node -e '
        const i = JSON.parse(require("fs").readFileSync(0)).instances[0];
        console.log(`${i.fromStemCell ? "from a cell" : "NOT from a cell"}, specialize ${i.coldStartMs.specialize} ms, initializer ${i.coldStartMs.initialize} ms`)')"
      line="$line  $f: first call $(ms "$cold") ms ($phases), then $(ms "$warm") ms;"
    done
    echo "$line"
    stop
  done
}

for revision in ${PREVIOUS:-}; do
  git -C "$root" worktree add --detach "$scratch/previous-$revision" "$revision" >/dev/null
  measure "$scratch/previous-$revision" "$revision"
done
measure "$root" "this version"
