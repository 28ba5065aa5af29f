#!/usr/bin/env bash
# A no-op function served by Sluice against the same function served by local peers, in one run on this machine,
# all on 127.0.0.1 with wrk:
#   floor                 a bare node:http server answering ok
#   functions-framework   @google-cloud/functions-framework, the function in the server's own process
#   serverless-offline    serverless + serverless-offline, the handler in a worker thread
#   sluice                POST /invoke/noop through the gateway to a nodejs20 container
#   container, published  the same container's POST /invoke at the port Docker publishes on the host
#   container, address    the same container at its own address on its network
#   sluice, HTTP trigger  the same no-op behind an HTTP trigger (POST /noop), streamed through the gateway
#   sluice, java17        a Java function doing next to nothing (the sample hello), through the gateway
#   java17 container, address   that Java container at its own address
# For each: c1 (1 connection) p50 and req/s, c32 (32 connections, 2 threads) req/s and p99, medians of REPS runs
# of DURATION each, and the serving process's CPU time per request at c32, and the whole machine's (every process,
# the container engine and wrk included).
# With PREVIOUS="REV ...", also Sluice at each revision REV (built in a temporary worktree, with its own runtime
# images), rows "sluice REV" (the no-op), "sluice REV, java17" and "java17 container REV, address".
#   bench/peers.sh                  DURATION=10s REPS=3 WARMUP=2s by default
#   DURATION=3s REPS=1 bench/peers.sh
#   PREVIOUS=3a5bf91 bench/peers.sh
#   PREVIOUS="3a5bf91 9c9a6f9" bench/peers.sh
#   SKIP_PEERS=1 PREVIOUS=3a5bf91 bench/peers.sh   Sluice's rows only (no floor, functions-framework, serverless-offline)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
peers="$root/bench/peers"
duration="${DURATION:-10s}"
reps="${REPS:-3}"
warmup="${WARMUP:-2s}"
seconds_of() { # 10s, 10 or 1m -> seconds: wrk's own duration syntax, bounded by `timeout` below
  case "$1" in
    *m) echo $((${1%m} * 60)) ;;
    *s) echo "${1%s}" ;;
    *) echo "$1" ;;
  esac
}
for value in "$(seconds_of "$duration")" "$(seconds_of "$warmup")" "$reps"; do
  [[ "$value" =~ ^[0-9]+$ ]] || { echo "peers.sh: DURATION, WARMUP: 10s, 10 or 1m; REPS: a count" >&2; exit 2; }
done

scratch="$(mktemp -d)"
groups=()       # process groups this script started; each is stopped on exit
sluice_pid=""
container_id=""

stop_group() { # PGID: TERM to the whole group, KILL after 5 s if anything of it is left
  local pgid="$1"
  kill -TERM -- "-$pgid" 2>/dev/null || return 0
  for _ in $(seq 50); do
    kill -0 -- "-$pgid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL -- "-$pgid" 2>/dev/null || true
}

stop_sluice() {
  if [ -n "$sluice_pid" ]; then
    stop_gateway "$sluice_pid"
    # The instance this run measured, by its id, should the gateway not have removed it.
    [ -z "$container_id" ] || docker rm -f "$container_id" >/dev/null 2>&1 || true
    sluice_pid="" container_id=""
  fi
}

cleanup() {
  local pgid
  for pgid in "${groups[@]}"; do stop_group "$pgid"; done
  stop_sluice
  local worktree
  for worktree in "$scratch"/previous-*; do
    [ ! -d "$worktree" ] || git -C "$root" worktree remove --force "$worktree" >/dev/null 2>&1 || true
  done
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
trap 'echo "peers.sh: failed at line $LINENO: $BASH_COMMAND" >&2' ERR

# --- set-up, outside any measurement

if ! command -v wrk >/dev/null; then
  apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi
if [ ! -d "$peers/node_modules" ]; then
  (cd "$peers" && timeout 600 npm ci --no-audit --no-fund >/dev/null)
fi
docker info >/dev/null 2>&1 || "$root/sluice" setup
SLUICE_HOME="$scratch/sluice" "$root/sluice" --help >/dev/null   # builds first if needed

free_port() { # a port nothing listens on now, from the kernel
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
}

# start NAME DIR COMMAND...: runs COMMAND in DIR in a process group of its own (setsid: this script has no job
# control, so the child is no group leader and setsid execs in place: its pid is the group's id); prints the pid.
start() {
  local name="$1" dir="$2"
  shift 2
  (cd "$dir" && exec setsid "$@" >"$scratch/$name.log" 2>&1) &
  groups+=("$!")
  started="$!"
}

await_200() { # URL [curl args]: until the first 200, at most 90 s
  local url="$1"
  shift
  for _ in $(seq 450); do
    [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$@" "$url" || true)" = 200 ] && return 0
    sleep 0.2
  done
  echo "peers.sh: no 200 from $url within 90 s" >&2
  return 1
}

clock_ticks="$(getconf CLK_TCK)"
# cpu_ticks group PGID | pid PID: user + system CPU ticks of a process group's processes (all their threads), or of
# one process. Fields after the ")" that ends the command name: 3 is the group, 12 and 13 user and system time.
cpu_ticks() {
  if [ "$1" = group ]; then
    # cat fails when a process ends between the glob and the read; the others still count.
    { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v g="$2" '{ sub(/.*\) /, ""); if ($3 == g) t += $12 + $13 } END { print t + 0 }'
  else
    sed 's/.*) //' "/proc/$2/stat" | awk '{ print $12 + $13 }'
  fi
}

# machine_ticks: CPU ticks all cores spent busy (user, nice, system, irq, softirq, steal): every process, the
# engine's log copying and wrk included, which a row's own process does not show.
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }

# wrk_run THREADS CONNECTIONS DURATION URL: one bounded wrk run; prints "p50_ms p99_ms rps requests errors".
wrk_run() {
  local out
  out="$(timeout $(($(seconds_of "$3") + 30)) wrk -t"$1" -c"$2" -d"$3" --timeout 5s -s "$peers/report.lua" "$4")" || true
  # A run that printed no result counts as one error, not as a measurement.
  grep '^RESULT ' <<<"$out" | cut -d' ' -f2- || echo "0 0 0 0 1"
}

per_request() { awk -v t="$1" -v hz="$clock_ticks" -v n="$2" 'BEGIN { printf "%.0f", n ? t * 1e6 / hz / n : 0 }'; }

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

rows=()   # "name|c1 p50|c1 rps|c32 rps|c32 p99|cpu us/req|cpu of what|machine cpu us/req|errors"

# measure NAME URL CPU_KIND CPU_ID CPU_LABEL: warm-up, then REPS x (c1, c32); the request shape is in WRK_*.
measure() {
  local name="$1" url="$2" kind="$3" id="$4" label="$5" r c1 c32 before after machine_before errors=0
  local -a c1_p50=() c1_rps=() c32_rps=() c32_p99=() cpu=() machine=()
  echo "measuring $name: $url" >&2
  wrk_run 2 32 "$warmup" "$url" >/dev/null
  for ((r = 0; r < reps; r++)); do
    read -r p50 _ rps _ e < <(wrk_run 1 1 "$duration" "$url")
    c1_p50+=("$p50") c1_rps+=("$rps") errors=$((errors + e))
    before="$(cpu_ticks "$kind" "$id")" machine_before="$(machine_ticks)"
    read -r _ p99 rps n e < <(wrk_run 2 32 "$duration" "$url")
    after="$(cpu_ticks "$kind" "$id")"
    c32_rps+=("$rps") c32_p99+=("$p99") errors=$((errors + e))
    cpu+=("$(per_request $((after - before)) "$n")")
    machine+=("$(per_request $(($(machine_ticks) - machine_before)) "$n")")
  done
  rows+=("$name|$(printf '%s\n' "${c1_p50[@]}" | median)|$(printf '%s\n' "${c1_rps[@]}" | median)|$(
    printf '%s\n' "${c32_rps[@]}" | median)|$(printf '%s\n' "${c32_p99[@]}" | median)|$(
    printf '%s\n' "${cpu[@]}" | median)|$label|$(printf '%s\n' "${machine[@]}" | median)|$errors")
}

# --- the peers, one at a time: each is started, measured and stopped before the next

export WRK_METHOD=GET WRK_BODY="" WRK_HEADERS=""

if [ -z "${SKIP_PEERS:-}" ]; then
  port="$(free_port)"
  start floor "$peers" node floor.js "$port"
  await_200 "http://127.0.0.1:$port/"
  measure floor "http://127.0.0.1:$port/" group "$started" "node process"
  stop_group "$started"

  port="$(free_port)"
  start functions-framework "$peers/functions-framework" env NODE_OPTIONS="--require $peers/bind-loopback.cjs" \
    node "$peers/node_modules/@google-cloud/functions-framework/build/src/main.js" --target=noop --port="$port"
  await_200 "http://127.0.0.1:$port/"
  measure functions-framework "http://127.0.0.1:$port/" group "$started" "node process"
  stop_group "$started"

  # serverless writes state beside its service file and in HOME: both go to the scratch directory.
  sls="$scratch/serverless-offline"
  cp -r "$peers/serverless-offline" "$sls"
  ln -s "$peers/node_modules" "$sls/node_modules"
  mkdir "$sls/home"
  port="$(free_port)"
  start serverless-offline "$sls" env HOME="$sls/home" SLS_TELEMETRY_DISABLED=1 SLS_NOTIFICATIONS_MODE=off \
    node node_modules/serverless/bin/serverless.js offline --host 127.0.0.1 --httpPort "$port" \
    --lambdaPort "$(free_port)" --noPrependStageInUrl
  await_200 "http://127.0.0.1:$port/noop"
  measure serverless-offline "http://127.0.0.1:$port/noop" group "$started" "node process + worker threads"
  stop_group "$started"
fi

# sluice_up CHECKOUT NAME YAML: that checkout's gateway, started like bench/gateway.sh does (from this checkout's
# directory, where the functions' code is), with the functions of bench/peers/YAML; sets base, token.
source "$root/bench/ready.sh"
sluice_up() {
  mkdir -p "$scratch/$2"
  SLUICE_HOME="$scratch/$2" "$1/sluice" up -p 0 -f "$peers/$3" >"$scratch/$2.log" 2>&1 &
  sluice_pid="$!"
  base="$(await_ready "$scratch/$2.log")"
  gateway_pid="$(gateway_jvm "$sluice_pid")"
  curl -sf "$base/readyz" >/dev/null || { cat "$scratch/$2.log" >&2; exit 1; }
  token="$(cat "$scratch/$2/admin-token")"
  await_200 "$base/invoke/noop" -X POST -d '{}'
}

# instance_field FUNCTION FIELD: a field of the function's one instance in GET /system/functions/FUNCTION
instance_field() {
  curl -sf -H "Authorization: Bearer $token" "$base/system/functions/$1" |
    node -e 'const i = JSON.parse(require("fs").readFileSync(0)).instances[0]; console.log(i[process.argv[1]] ?? "")' "$2"
}
# measure_java_container NAME: the Java function's container at its own address, with the headers the gateway sends.
measure_java_container() {
  local java_address java_pid
  java_address="$(instance_field hello-java address)"
  java_pid="$(docker inspect -f '{{.State.Pid}}' "$(instance_field hello-java container)" 2>/dev/null || true)"
  if [ -n "$java_address" ] && [ -n "$java_pid" ]; then
    WRK_HEADERS="x-fc-request-id: r1; x-fc-function-handler: example.hello.HelloHandler::handleRequest; content-type: application/octet-stream" \
      measure "$1" "http://$java_address/invoke" pid "$java_pid" "container's java"
  fi
}

for revision in ${PREVIOUS:-}; do
  git -C "$root" worktree add --detach "$scratch/previous-$revision" "$revision" >/dev/null
  SLUICE_HOME="$scratch/build-$revision" "$scratch/previous-$revision/sluice" --help >/dev/null   # its build, unmeasured
  sluice_up "$scratch/previous-$revision" "sluice-$revision" peers.yml
  await_200 "$base/invoke/hello-java" -X POST -d '{}'
  export WRK_METHOD=POST WRK_BODY='{}' WRK_HEADERS=""
  measure "sluice $revision" "$base/invoke/noop" pid "$gateway_pid" "gateway JVM"
  measure "sluice $revision, java17" "$base/invoke/hello-java" pid "$gateway_pid" "gateway JVM"
  measure_java_container "java17 container $revision, address"
  stop_sluice
done

sluice_up "$root" sluice peers.yml
await_200 "$base/invoke/hello-java" -X POST -d '{}'
endpoint="$(instance_field noop endpoint)"
address="$(instance_field noop address)"
container_id="$(instance_field noop container)"
container_pid="$(docker inspect -f '{{.State.Pid}}' "$container_id" 2>/dev/null || true)"

export WRK_METHOD=POST WRK_BODY='{}'
measure sluice "$base/invoke/noop" pid "$gateway_pid" "gateway JVM"
# What the gateway itself sends the container (Dispatcher): the request id and the handler the instance serves.
export WRK_HEADERS="x-fc-request-id: r1; x-fc-function-handler: index.handler; content-type: application/octet-stream"
if [ -n "$container_pid" ]; then cpu_kind=pid cpu_id="$container_pid" cpu_label="container's node"
else cpu_kind=pid cpu_id="$gateway_pid" cpu_label="gateway JVM (idle)"; fi
measure "container, published" "http://$endpoint/invoke" "$cpu_kind" "$cpu_id" "$cpu_label"
if [ -n "$address" ]; then
  measure "container, address" "http://$address/invoke" "$cpu_kind" "$cpu_id" "$cpu_label"
fi
# The same no-op behind an HTTP trigger: the client's own request, streamed through the gateway both ways.
export WRK_HEADERS=""
measure "sluice, HTTP trigger" "$base/noop" pid "$gateway_pid" "gateway JVM"
# A Java function (java17): through the gateway, then at its container's address.
measure "sluice, java17" "$base/invoke/hello-java" pid "$gateway_pid" "gateway JVM"
measure_java_container "java17 container, address"

# --- the table

echo
echo "no-op function, $(nproc) cores, DURATION=$duration REPS=$reps (medians), $(date -u +%Y-%m-%d), node $(node --version)"
echo
echo "| target | c1 p50 ms | c1 req/s | c32 req/s | c32 p99 ms | CPU us/req at c32 (of) | machine CPU us/req at c32 | vs functions-framework | vs container address | errors |"
echo "|---|---:|---:|---:|---:|---|---:|---|---|---:|"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf (b > 0) ? "x%.2f" : "-", a / b }'; }
find_row() { local row; for row in "${rows[@]}"; do [ "${row%%|*}" = "$1" ] && { echo "$row"; return; }; done; echo "$1|0|0|0|0|0||0|0"; }
IFS='|' read -r _ ff_p50 _ ff_rps _ <<<"$(find_row functions-framework)"
IFS='|' read -r _ node_p50 _ node_rps _ <<<"$(find_row "container, address")"
IFS='|' read -r _ java_p50 _ java_rps _ <<<"$(find_row "java17 container, address")"
for row in "${rows[@]}"; do
  IFS='|' read -r name p50 c1rps c32rps p99 cpu of machine errors <<<"$row"
  # Java rows against the Java container, the others against the Node.js one.
  case "$name" in *java17*) ad_p50="$java_p50" ad_rps="$java_rps" ;; *) ad_p50="$node_p50" ad_rps="$node_rps" ;; esac
  printf '| %s | %.3f | %.0f | %.0f | %.2f | %s (%s) | %s | p50 %s, c32 req/s %s | p50 %s, c32 req/s %s | %s |\n' \
    "$name" "$p50" "$c1rps" "$c32rps" "$p99" "$cpu" "$of" "$machine" "$(ratio "$p50" "$ff_p50")" "$(ratio "$c32rps" "$ff_rps")" \
    "$(ratio "$p50" "$ad_p50")" "$(ratio "$c32rps" "$ad_rps")" "$errors"
done
