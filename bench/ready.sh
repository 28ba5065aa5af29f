# Sourced by the bench scripts. await_ready LOG: waits until the gateway writing LOG answers 200 on /readyz and
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
