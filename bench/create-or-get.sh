#!/usr/bin/env bash
# Measures create-or-get (POST /v1/rooms/{name}/meeting) on the reuse path and on the create path (mock
# provider) at 1, 8 and 64 concurrent clients: requests/s and p50/p99 latency, as a Markdown table.
#
# It needs the system running (bin/run-local in another terminal, or BASE_URL pointing elsewhere) and wrk
# (installed from Debian's packages if missing). Every room it makes is named bench-<run>-<n>.
#   bench/create-or-get.sh                 # 10 s per cell
#   DURATION=30s bench/create-or-get.sh
set -euo pipefail
cd "$(dirname "$0")"

BASE_URL="${BASE_URL:-http://127.0.0.1:1250}"
DURATION="${DURATION:-10s}"
ROOMS="${ROOMS:-64}"
RUN="$(date +%s)"
PREFIX="bench-$RUN"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
curl -fs "$BASE_URL/readyz" >/dev/null || { echo "nothing answers on $BASE_URL (start bin/run-local)" >&2; exit 1; }

for i in $(seq 0 $((ROOMS - 1))); do
  curl -fs -XPOST "$BASE_URL/v1/rooms" -H 'content-type: application/json' -d "{\"name\":\"$PREFIX-$i\"}" >/dev/null
  curl -fs -XPOST "$BASE_URL/v1/rooms/$PREFIX-$i/meeting" -H 'content-type: application/json' -d '{}' >/dev/null
done

run() { # path clients rooms
  local allow=false
  [ "$1" = create ] && allow=true
  local threads=$(( $2 < 2 ? 1 : 2 ))
  # warm-up, then the measured run
  PREFIX="$PREFIX" ROOMS="$3" ALLOW_DUPLICATED="$allow" wrk -t"$threads" -c"$2" -d3s -s create-or-get.lua "$BASE_URL" >/dev/null
  PREFIX="$PREFIX" ROOMS="$3" ALLOW_DUPLICATED="$allow" wrk -t"$threads" -c"$2" -d"$DURATION" --timeout 10s \
    -s create-or-get.lua "$BASE_URL" | sed -n 's/^RESULT //p'
}

echo "| path | clients | rooms | requests/s | p50 ms | p99 ms | max ms | non-2xx |"
echo "|---|---|---|---|---|---|---|---|"
for path in ${PATHS:-reuse create}; do
  for clients in ${CLIENTS:-1 8 64}; do
    [ "$path" = reuse ] && rooms=1
    [ "$path" = create ] && rooms=$clients
    json=$(run "$path" "$clients" "$rooms")
    python3 - "$path" "$clients" "$rooms" "$json" <<'PY'
import json, sys
path, clients, rooms, raw = sys.argv[1:5]
r = json.loads(raw)
print(f"| {path} | {clients} | {rooms} | {r['rps']:.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | {r['max_ms']:.1f} | {r['non_2xx'] + r['socket_errors']} |")
PY
  done
done
