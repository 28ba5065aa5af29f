#!/usr/bin/env bash
# HTTP-trigger calls through the gateway against the same container called directly: warm latency of a small
# request, and a large body sent and echoed back. With a git revision, the same measurements follow against a
# gateway built from that revision (in a temporary worktree, by its own ./sluice launcher), so that both versions are measured in one run.
#   bench/triggers.sh [PREVIOUS_REVISION] [WARM_REQUESTS] [MIB] [ROUNDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/testing/functions/target/testing-functions.jar"
[ -f "$jar" ] || (cd "$root" && mvn -B -q -DskipTests install -pl testing/functions -am)
run() { # checkout label
  bash -c "source '$1/bench/gateway.sh' && java '$root/bench/Triggers.java' \"\$base\" \"\$token\" '$jar' '$2' \
    ${3:-3000} ${4:-8} ${5:-10}"
}
run "$root" "this version" "${2:-}" "${3:-}" "${4:-}"
if [ -n "${1:-}" ]; then
  previous="$(mktemp -d)"
  trap 'git -C "$root" worktree remove --force "$previous"' EXIT
  git -C "$root" worktree add --detach "$previous" "$1" >/dev/null
  run "$previous" "previous version ($1)" "${2:-}" "${3:-}" "${4:-}"
fi
