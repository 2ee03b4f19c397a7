#!/usr/bin/env bash
# Webhook intake figures (issue 4): signed Daily participant.joined webhooks posted to the gateway by wrk at 16
# and 64 concurrent senders: accepted webhooks/s and p99 accept latency; then waits until meeting-service has
# applied every accepted one (a participant session each) and checks none was applied twice. Beside it, in the
# same run, RabbitMQ's own rate for persistent messages with publisher confirms into a quorum queue (the ceiling
# of anything that publishes durably). Starts its own services: build first (mvn -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${DURATION:-15s}"
SECRET_B64="$(printf 'bench-webhook-secret' | base64)"
BASE_URL="http://127.0.0.1:1250"
RUN="wb$(date +%s)"
WORK="$(mktemp -d)"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
FAKE_PORT="${FAKE_PORT:-18091}"
java bench/FakeDaily.java "$FAKE_PORT" 5 > "$WORK/fake.log" 2>&1 &
fake=$!
export DAILY_WEBHOOK_SECRET="$SECRET_B64" DAILY_API_KEY=bench-key DAILY_API_URL="http://127.0.0.1:$FAKE_PORT" \
  AWS_DAILY_S3_BUCKET=bench-recordings AWS_DAILY_ROLE_ARN=arn:aws:iam::123456789012:role/bench
SKIP_BUILD=1 setsid bin/run-local > "$WORK/services.log" 2>&1 &
services=$!
trap 'kill -- -"$services" 2>/dev/null || kill "$services" 2>/dev/null || true; kill "$fake" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 120); do curl -fs "$BASE_URL/readyz" >/dev/null 2>&1 && break; sleep 1; done
sleep 2

# the events name a Daily meeting of ours, so meeting-service applies each one (a participant session)
curl -fs -XPOST "$BASE_URL/v1/rooms" -H 'content-type: application/json' -d "{\"name\":\"$RUN\",\"platform\":\"daily\"}" >/dev/null
ROOM_NAME=$(curl -fs -XPOST "$BASE_URL/v1/rooms/$RUN/meeting" -H 'content-type: application/json' -d '{}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["room_name"])')

make_requests() { # file count tag
  python3 - "$1" "$2" "$3" "$SECRET_B64" "$ROOM_NAME" <<'PY'
import base64, hashlib, hmac, json, sys, time
path, count, tag, secret, room = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
key = base64.b64decode(secret)
ts = str(int(time.time()))
with open(path, "w") as out:
    for i in range(count):
        body = json.dumps({"version": "1.0.0", "type": "participant.joined", "id": f"{tag}-{i}", "event_ts": time.time(),
                           "payload": {"room": room, "session_id": f"{tag}-{i}", "user_id": None,
                                       "user_name": f"load {i}", "joined_at": time.time()}}, separators=(",", ":"))
        sig = base64.b64encode(hmac.new(key, (ts + "." + body).encode(), hashlib.sha256).digest()).decode()
        out.write(f"{ts}\t{sig}\t{body}\n")
PY
}

psql_count() { psql -h 127.0.0.1 -U postgres -d meetingbridge -tAc "$1"; }

# warm-up (not measured): the JVMs compile the intake and consumer paths. On two cores the JIT compilers compete
# with the load for a few minutes: a cold system runs at a fifth of its warm rate, and 20 s was not enough
make_requests "$WORK/warmup.tsv" 200000 "$RUN-warmup"
FILE="$WORK/warmup.tsv" THREADS=2 wrk -t2 -c32 -d"${WARMUP:-120s}" -s bench/webhooks.lua "$BASE_URL" >/dev/null
sleep 10 # let the consumers catch up with the warm-up before measuring

echo "| senders | requests/s | accepted/s (inbox) | p50 ms | p99 ms | max ms | non-2xx | accepted | applied once | applied twice |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for clients in 16 64; do
  tag="$RUN-c$clients"
  make_requests "$WORK/$tag.tsv" 200000 "$tag"
  result=$(FILE="$WORK/$tag.tsv" THREADS=2 wrk -t2 -c"$clients" -d"$DURATION" --timeout 10s -s bench/webhooks.lua "$BASE_URL" \
    | sed -n 's/^RESULT //p')
  accepted=$(psql_count "select count(*) from webhook_inbox where provider='daily' and event_id like '$tag-%'")
  for _ in $(seq 1 180); do
    applied=$(psql_count "select count(*) from participant_session where session_id like '$tag-%'")
    [ "$applied" -ge "$accepted" ] && break
    sleep 1
  done
  twice=$(psql_count "select count(*) from (select session_id from participant_session where session_id like '$tag-%' group by meeting_id, session_id having count(*) > 1) d")
  python3 - "$clients" "$result" "$accepted" "$applied" "$twice" <<'PY'
import json, sys
clients, raw, accepted, applied, twice = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
print(f"| {clients} | {raw['rps']:.0f} | {int(accepted) / raw['seconds']:.0f} | {raw['p50_ms']:.2f} | {raw['p99_ms']:.2f} | {raw['max_ms']:.1f} | "
      f"{raw['non_2xx'] + raw['socket_errors']} | {accepted} | {applied} | {twice} |")
PY
done

AMQP=$(ls ~/.m2/repository/com/rabbitmq/amqp-client/*/amqp-client-*.jar | sort -V | tail -1)
SLF4J=$(ls ~/.m2/repository/org/slf4j/slf4j-api/*/slf4j-api-*.jar | sort -V | tail -1)
NETTY=$(ls ~/.m2/repository/io/netty/netty-{common,buffer,transport,handler,codec-base,codec,resolver,transport-native-unix-common}/*/netty-*.jar 2>/dev/null | grep -v sources | tr '\n' ':')
for channels in 1 4; do
  echo "RabbitMQ ceiling: $(java -cp "$AMQP:$SLF4J:$NETTY" bench/RabbitCeiling.java "$channels" 10 2>&1 | sed -n 's/^RESULT //p')"
done
