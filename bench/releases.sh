#!/usr/bin/env bash
# What naming a version or an alias costs a call: hello as LATEST, as version 1 and by a 90/10 alias, on one
# gateway of this checkout, interleaved call by call.
#   bench/releases.sh [WARM_REQUESTS]
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/gateway.sh"
java "$root/bench/Releases.java" "$base" "$token" "$root/sample-functions/hello/target/hello.jar" "${1:-3000}"
