#!/usr/bin/env bash
# Hot reload, as a user feels it: the time from saving a function's file to the first call that answers with the new
# code (the quiet period, the redeploy, the new version's cold start), for a Node.js and a Python function.
#   bench/reload.sh [EDITS]    # default 10 per function
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
edits="${1:-10}"
work="$(mktemp -d)"
mkdir -p "$work/node" "$work/python"
node_code() { echo "exports.handler = (event, context, callback) => callback(null, 'v$1');" > "$work/node/index.js"; }
python_code() { printf 'def handler(event, context):\n    return "v%s"\n' "$1" > "$work/python/index.py"; }
node_code 0
python_code 0
cat > "$work/functions.yml" <<YAML
functions:
  node: { runtime: nodejs20, code: ./node, handler: index.handler }
  python: { runtime: python3, code: ./python, handler: index.handler }
YAML
"$root/sluice" --help >/dev/null   # builds first if needed, outside the measurement
SLUICE_HOME="$work/home" "$root/sluice" up -p 0 -f "$work/functions.yml" >"$work/sluice.log" 2>&1 &
pid=$!
source "$root/bench/ready.sh"
trap 'stop_gateway "$pid"; rm -rf "$work"' EXIT
base="$(await_ready "$work/sluice.log")"
echo "gateway $base, $(nproc) cores, $(docker version -f 'Docker {{.Server.Version}}')"

# Prints the milliseconds from writing version $2 of function $1 to its first answer "v$2".
measure() {
  local function="$1" version="$2" start now answer
  start="$(date +%s%N)"
  "${function}_code" "$version"
  for _ in $(seq 1 400); do
    answer="$(curl -s -X POST "$base/invoke/$function" -d x || true)"
    [ "$answer" = "v$version" ] && break
    sleep 0.02
  done
  now="$(date +%s%N)"
  [ "$answer" = "v$version" ] || { echo "$function never answered v$version: $answer" >&2; exit 1; }
  echo $(( (now - start) / 1000000 ))
}

for function in node python; do
  curl -s -X POST "$base/invoke/$function" -d x >/dev/null   # the first version's instance
  times=()
  for version in $(seq 1 "$edits"); do
    times+=("$(measure "$function" "$version")")
    sleep 1   # the old version drains between edits
  done
  sorted="$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')"
  median="$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
  echo "$function: save -> new answer, median of $edits: ${median} ms (all: $sorted)"
done
grep -c "reloaded (" "$work/sluice.log" | sed 's/^/reload lines printed: /'
