# Sourced by the bench scripts: waiting for a gateway, finding its JVM, stopping it.
#
# await_ready LOG: waits until the gateway writing LOG answers 200 on /readyz and
# prints its base URL. A gateway from before /readyz (bench/versions.sh runs earlier revisions) is ready when it
# says "sluice is up on ...".
await_ready() {
  local log="$1" base="" code
  for _ in $(seq 1 900); do
    base="$(grep -o -E '(gateway listening on|sluice is up on) http://[^ ;]*' "$log" | head -n 1 | awk '{print $NF}')"
    if [ -n "$base" ]; then
      code="$(curl -s -o /dev/null -w '%{http_code}' "$base/readyz" || true)"
      [ "$code" = 200 ] && break
      [ "$code" = 404 ] && grep -q "sluice is up on" "$log" && break
    fi
    sleep 0.2
  done
  echo "$base"
}

# gateway_jvm PID: the JVM of the gateway the launcher PID started: its child on the first start of a build (which
# writes the class-data archive), the launcher's own process after that.
gateway_jvm() { pgrep -P "$1" java || echo "$1"; }

# stop_gateway PID: TERM to the launcher PID (the gateway removes its containers on the way out); after 30 s, KILL
# to it and to its JVM.
stop_gateway() {
  local jvm
  jvm="$(gateway_jvm "$1")"
  kill -TERM "$1" 2>/dev/null || true
  timeout 30 tail --pid="$1" -f /dev/null 2>/dev/null || kill -KILL "$1" "$jvm" 2>/dev/null || true
}
