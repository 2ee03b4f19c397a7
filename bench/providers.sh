#!/usr/bin/env bash
# Provider-path figures (issue 3), with Daily faked on loopback by bench/FakeDaily.java:
#  1. the fake answers every call in 50 ms: 200 concurrent create-or-get requests over 200 rooms (one each):
#     p50/p99/max latency and how many provider rooms were made (must be exactly 200);
#  2. the fake answers 500 to everything: requests until the circuit breaker opens, then 100 more, each timed
#     (they must be 503 and fast).
# Starts its own fake and services (bin/run-local with SKIP_BUILD=1: build first with mvn -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."

FAKE_PORT="${FAKE_PORT:-18090}"
DELAY_MS="${DELAY_MS:-50}"
ROOMS="${ROOMS:-200}"
BASE_URL="http://127.0.0.1:1250"
PREFIX="pbench-$(date +%s)"

java bench/FakeDaily.java "$FAKE_PORT" "$DELAY_MS" > /tmp/fake-daily.log 2>&1 &
fake=$!
export DAILY_API_KEY=bench-key DAILY_API_URL="http://127.0.0.1:$FAKE_PORT" AWS_DAILY_S3_BUCKET=bench-recordings \
  AWS_DAILY_ROLE_ARN=arn:aws:iam::123456789012:role/bench DAILY_RATE_LIMIT_STANDARD="${DAILY_RATE_LIMIT_STANDARD:-1000}"
SKIP_BUILD=1 setsid bin/run-local > /tmp/providers-bench-services.log 2>&1 &
services=$!
cleanup() { kill -- -"$services" 2>/dev/null || kill "$services" 2>/dev/null || true; kill "$fake" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 120); do curl -fs "$BASE_URL/readyz" >/dev/null 2>&1 && break; sleep 1; done
sleep 3

BURSTS="${BURSTS:-3}"
for b in $(seq 1 "$BURSTS"); do
  for i in $(seq 0 $((ROOMS - 1))); do
    curl -fs -XPOST "$BASE_URL/v1/rooms" -H 'content-type: application/json' \
      -d "{\"name\":\"$PREFIX-$b-$i\",\"platform\":\"daily\"}" >/dev/null
  done
done
# warm-up on other rooms so the first measured requests do not pay for class loading
for i in $(seq 0 19); do
  curl -fs -XPOST "$BASE_URL/v1/rooms" -H 'content-type: application/json' -d "{\"name\":\"$PREFIX-w$i\",\"platform\":\"daily\"}" >/dev/null
  curl -fs -XPOST "$BASE_URL/v1/rooms/$PREFIX-w$i/meeting" -H 'content-type: application/json' -d '{}' >/dev/null
done
rooms_made() { curl -fs "http://127.0.0.1:$FAKE_PORT/_stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["rooms_created"])'; }
# Each burst uses rooms of its own; the first runs on JVMs that have not compiled this path yet.
for b in $(seq 1 "$BURSTS"); do
  before=$(rooms_made)
  result=$(python3 bench/burst.py "$BASE_URL" "$PREFIX-$b" "$ROOMS")
  echo "burst $b: $result, provider rooms made: $(( $(rooms_made) - before ))"
done

curl -fs -XPOST "http://127.0.0.1:$FAKE_PORT/_fail" >/dev/null
python3 - "$BASE_URL" "$PREFIX" <<'PY'
import http.client, json, sys, time
from urllib.parse import urlparse
url = urlparse(sys.argv[1]); prefix = sys.argv[2]
def create(i):
    c = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    t = time.perf_counter()
    c.request("POST", f"/v1/rooms/{prefix}-{i}/meeting", body='{"allow_duplicated":true}', headers={"Content-Type": "application/json"})
    r = c.getresponse(); body = r.read(); c.close()
    return r.status, (time.perf_counter() - t) * 1000, json.loads(body).get("detail", "")
opened_after = None
for i in range(30):
    status, ms, detail = create(f"1-{i}")
    if "circuit open" in detail:
        opened_after = i
        break
timed = [create(f"1-{i}") for i in range(100)]
lat = sorted(t[1] for t in timed)
statuses = {}
for t in timed:
    statuses[t[0]] = statuses.get(t[0], 0) + 1
print("breaker: " + json.dumps({"requests_until_open": opened_after, "statuses_after_open": statuses,
      "p50_ms": round(lat[49], 1), "p99_ms": round(lat[98], 1), "max_ms": round(lat[-1], 1),
      "detail": timed[0][2][:120]}))
PY
