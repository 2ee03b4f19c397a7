#!/usr/bin/env bash
# Live fan-out figures: the latency from a transcript.event published to the transcripts exchange to the frame
# received by each of CLIENTS (default 1000) websockets following one transcript on one gateway (bench/LiveFanout.java:
# EVENTS, default 200, at RATE per second, default 20), and the gateway's heap before and after. The gateway runs
# with AUTH_BACKEND=none (clients on loopback). Build first: mvn -DskipTests install
set -euo pipefail
cd "$(dirname "$0")/.."

CLIENTS="${CLIENTS:-1000}"
EVENTS="${EVENTS:-200}"
RATE="${RATE:-20}"
PORT=18250
MANAGEMENT=18251
DB=meetingbridge_live_bench
WORK="$(mktemp -d)"
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $DB" -c "create database $DB" >/dev/null
export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=
java -jar migrations/target/migrations.jar >/dev/null 2>&1
TRANSCRIPT=$(python3 -c 'import uuid; print(uuid.uuid4())')
psql -h 127.0.0.1 -U postgres -d "$DB" -q -c "insert into recording (id, platform, provider_recording_id, recording_type, bucket_name, object_key, recorded_at, state) values ('$TRANSCRIPT', 'daily', '$TRANSCRIPT', 'cloud', 'b', 'k', now(), 'done')" \
  -c "insert into transcript (id, recording_id, user_id, status, share_mode, created_at) values ('$TRANSCRIPT', '$TRANSCRIPT', 'local', 'processing', 'public', now())"

mvn -B -q -ntp -pl api-gateway dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
SERVER_PORT=$PORT MANAGEMENT_PORT=$MANAGEMENT AUTH_BACKEND=none java -Xmx512m -jar api-gateway/target/api-gateway.jar \
  > "$WORK/gateway.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 180); do curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break; sleep 1; done
HEAP="http://127.0.0.1:$MANAGEMENT/actuator/metrics/jvm.memory.used?tag=area:heap"
jcmd "${pids[0]}" GC.run >/dev/null
before=$(curl -fs "$HEAP" | python3 -c 'import json,sys; print(round(json.load(sys.stdin)["measurements"][0]["value"]/1048576))')
echo "gateway heap used after a full GC, no clients: $before MiB"
echo "| clients | events | frames received | p50 ms | p99 ms | max ms |"
echo "|---|---|---|---|---|---|"
java -Xmx1g -cp "$(cat "$WORK/cp.txt")" bench/LiveFanout.java "ws://127.0.0.1:$PORT" "$TRANSCRIPT" "$CLIENTS" "$EVENTS" \
  "$RATE" "${SPRING_RABBITMQ_PORT:-5672}" "${pids[0]}" "$HEAP"
