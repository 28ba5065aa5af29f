#!/usr/bin/env bash
# Warm latency of the hello function through this checkout's gateway and through a gateway built from an earlier
# revision (in a temporary worktree, by its own ./sluice), both running at once and called request by request in
# turn, so that both see the same machine.
#   bench/versions.sh PREVIOUS_REVISION [WARM_REQUESTS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Both gateways run in this checkout, so that hello.jar is inside their working directory, where code may be
# (an earlier revision may not know --allow-code-outside).
cd "$root"
previous="$(mktemp -d)"
home_a="$(mktemp -d)"
home_b="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  git -C "$root" worktree remove --force "$previous" >/dev/null 2>&1 || true
  rm -rf "$home_a" "$home_b"
}
trap cleanup EXIT
git -C "$root" worktree add --detach "$previous" "$1" >/dev/null
hello_yaml="$(mktemp)"
printf 'functions:\n  hello:\n    runtime: java17\n    code: %s\n    handler: example.hello.HelloHandler::handleRequest\n' \
  "$root/sample-functions/hello/target/hello.jar" > "$hello_yaml"
start() { # checkout home -> prints the base URL
  "$1/sluice" --help >/dev/null
  SLUICE_HOME="$2" "$1/sluice" up -p 0 -f "$hello_yaml" >"$2/sluice.log" 2>&1 &
  pids+=($!)
}
start "$root" "$home_a"
start "$previous" "$home_b"
source "$root/bench/ready.sh"
base() { await_ready "$1/sluice.log"; }
a="$(base "$home_a")"
b="$(base "$home_b")"
echo "this version on $a, $1 on $b, $(nproc) cores, $(docker version -f 'Docker {{.Server.Version}}')"
java "$root/bench/Bench.java" versions "$a" "$(cat "$home_a/admin-token")" "$b" "$(cat "$home_b/admin-token")" \
  "$root/sample-functions/hello/target/hello.jar" "${2:-3000}"
