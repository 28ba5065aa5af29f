# Sourced by the bench scripts: starts a gateway of this checkout on a free port with a throwaway state directory,
# sets $base, $token and $gateway (its JVM's pid), and stops it (and removes the directory) when the script exits.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
home="$(mktemp -d)"
log="$home/sluice.log"

"$root/sluice" --help >/dev/null   # builds first if needed, outside the measurement
# The benchmarks deploy code from this checkout's build directories, outside sample-functions/.
SLUICE_HOME="$home" "$root/sluice" up -p 0 -f "$root/sample-functions/functions.yml" --allow-code-outside \
  >"$log" 2>&1 &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$home"' EXIT

source "$root/bench/ready.sh"
base="$(await_ready "$log")"
curl -sf "$base/readyz" >/dev/null || { cat "$log"; exit 1; }
token="$(cat "$home/admin-token")"
gateway="$(gateway_jvm "$pid")"
echo "gateway $base, $(nproc) cores, $(java -version 2>&1 | head -1), $(docker version -f 'Docker {{.Server.Version}}')"
