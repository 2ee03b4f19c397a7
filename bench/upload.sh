#!/usr/bin/env bash
# Upload figures: a SIZE_MIB (default 500) audio file (ffmpeg-made WAV, 16 kHz mono, a tone as long as it takes)
# uploaded to a running gateway as the frontend does it (POST /v1/transcripts, then 50 MiB chunks of
# POST /v1/transcripts/{id}/record/upload, one after the other), and the recording-worker joining the chunks, checking
# the file with ffmpeg and storing it; then its pipeline makes the audio (no transcription backend: the transcript
# stops at uploaded). The gateway and the worker run with a HEAP (default 256m) maximum heap; their heap used is
# sampled every 200 ms (actuator jvm.memory.used, area heap) from the first chunk until the transcript's audio is
# ready. S3 is s3proxy over a folder (its own JVM), the database a fresh one, the broker a virtual host of its own.
# Build first: mvn -DskipTests install (MAVEN_FLAGS: extra flags for the mvn call here, e.g. -Dmaven.repo.local=...)
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE_MIB="${SIZE_MIB:-500}"
CHUNK_MIB="${CHUNK_MIB:-50}"
HEAP="${HEAP:-256m}"
PORT=18350
MANAGEMENT=18351
WORKER_PORT=18352
DB=meetingbridge_upload_bench
VHOST=upload_bench
WORK="$(mktemp -d)"
pids=()
cleanup() {
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  rabbitmqctl delete_vhost "$VHOST" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $DB" -c "create database $DB" >/dev/null
export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=
java -jar migrations/target/migrations.jar >/dev/null 2>&1
rabbitmqctl delete_vhost "$VHOST" >/dev/null 2>&1 || true
rabbitmqctl add_vhost "$VHOST" >/dev/null
rabbitmqctl set_permissions -p "$VHOST" guest '.*' '.*' '.*' >/dev/null
export SPRING_RABBITMQ_VIRTUAL_HOST="$VHOST"

mvn -B -q -ntp ${MAVEN_FLAGS:-} -pl recording-worker dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP="recording-worker/target/classes:recording-worker/target/test-classes:$(cat "$WORK/cp.txt")"
mkdir -p "$WORK/s3"
java -Xmx1g -cp "$CP" bench/FetchBench.java serve "$WORK/s3" "$WORK/port" > "$WORK/s3.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do [ -s "$WORK/port" ] && break; sleep 0.5; done
export S3_ENDPOINT="http://127.0.0.1:$(cat "$WORK/port")" TRANSCRIPT_STORAGE_AWS_BUCKET_NAME=transcripts \
  TRANSCRIPT_STORAGE_AWS_ACCESS_KEY_ID=test-access-key TRANSCRIPT_STORAGE_AWS_SECRET_ACCESS_KEY=test-secret-key

FFMPEG=$(java -cp "$CP" app.meetingbridge.ffmpeg.ShippedFfmpeg 2>/dev/null || echo ffmpeg)
SECONDS_OF_AUDIO=$(( SIZE_MIB * 1048576 / 32000 ))
"$FFMPEG" -nostdin -loglevel error -y -f lavfi -i "sine=frequency=440:duration=$SECONDS_OF_AUDIO" -ar 16000 -ac 1 \
  -c:a pcm_s16le "$WORK/file.wav"
split -b "${CHUNK_MIB}M" -d -a 3 "$WORK/file.wav" "$WORK/chunk-"
CHUNKS=$(ls "$WORK"/chunk-* | wc -l)

SERVER_PORT=$PORT MANAGEMENT_PORT=$MANAGEMENT AUTH_BACKEND=none java -Xmx"$HEAP" -jar api-gateway/target/api-gateway.jar \
  > "$WORK/gateway.log" 2>&1 &
gateway=$!
pids+=($gateway)
SERVER_PORT=$WORKER_PORT java -Xmx"$HEAP" -jar recording-worker/target/recording-worker.jar > "$WORK/worker.log" 2>&1 &
worker=$!
pids+=($worker)
for url in "http://127.0.0.1:$PORT/readyz" "http://127.0.0.1:$WORKER_PORT/readyz"; do
  for _ in $(seq 1 180); do curl -fs "$url" >/dev/null 2>&1 && break; sleep 1; done
done

heap() { curl -fs "$1/actuator/metrics/jvm.memory.used?tag=area:heap" | python3 -c 'import json,sys; print(round(json.load(sys.stdin)["measurements"][0]["value"]/1048576))'; }
sample() { # peak heap used of one service, every 200 ms, until told to stop
  local peak=0 now
  while [ ! -e "$WORK/stop" ]; do
    now=$(heap "$1" 2>/dev/null || echo 0)
    [ "$now" -gt "$peak" ] && peak=$now && echo "$peak" > "$2"
    sleep 0.2
  done
}
jcmd "$gateway" GC.run >/dev/null; jcmd "$worker" GC.run >/dev/null
gateway_idle=$(heap "http://127.0.0.1:$MANAGEMENT"); worker_idle=$(heap "http://127.0.0.1:$WORKER_PORT")
sample "http://127.0.0.1:$MANAGEMENT" "$WORK/gateway.peak" & pids+=($!)
sample "http://127.0.0.1:$WORKER_PORT" "$WORK/worker.peak" & pids+=($!)

ID=$(curl -fs -H 'Content-Type: application/json' -d '{"name":"bench","source_language":"en","target_language":"en"}' \
  "http://127.0.0.1:$PORT/v1/transcripts" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
state() { psql -h 127.0.0.1 -U postgres -d "$DB" -tAc "select status || ' ' || coalesce(recording_id, '-') || ' ' || coalesce(duration_ms::text, '-') from transcript where id = '$ID'"; }
t0=$(date +%s.%N)
n=0
for chunk in "$WORK"/chunk-*; do
  curl -fs -o /dev/null -F "chunk=@$chunk;filename=blob;type=application/octet-stream" \
    "http://127.0.0.1:$PORT/v1/transcripts/$ID/record/upload?chunk_number=$n&total_chunks=$CHUNKS"
  n=$((n + 1))
done
t1=$(date +%s.%N)
# handed to the pipeline: the transcript has its recording; the audio is ready: it has a duration (or it failed)
for _ in $(seq 1 3000); do s=$(state); [ "$(echo "$s" | cut -d' ' -f2)" != - ] || [ "${s%% *}" = error ] && break; sleep 0.2; done
t2=$(date +%s.%N)
for _ in $(seq 1 3600); do s=$(state); [ "$(echo "$s" | cut -d' ' -f3)" != - ] || [ "${s%% *}" = error ] && break; sleep 0.5; done
t3=$(date +%s.%N)
echo "transcript $ID: $(state)"
touch "$WORK/stop"
sleep 0.5
joined=$(find "$WORK/s3/transcripts/uploads/$ID" -name file -type f -printf '%s')
python3 - <<PY
t0, t1, t2, t3 = $t0, $t1, $t2, $t3
size = $SIZE_MIB
print(f"file: {size} MiB WAV in $CHUNKS chunks of ${CHUNK_MIB} MiB; joined object {$joined / 1048576:.0f} MiB; heaps -Xmx$HEAP")
print("| step | seconds | MiB/s |")
print("|---|---|---|")
print(f"| upload through the gateway (chunks stored, upload.completed) | {t1 - t0:.1f} | {size / (t1 - t0):.0f} |")
print(f"| worker: chunks joined, checked by ffmpeg, stored, handed to the pipeline | {t2 - t1:.1f} | {size / (t2 - t1):.0f} |")
print(f"| pipeline: audio made (mp3 of {$SECONDS_OF_AUDIO / 3600:.1f} h, waveform) | {t3 - t2:.1f} | |")
print()
print("| service | heap used after a full GC, idle | peak heap used during the run |")
print("|---|---|---|")
print(f"| api-gateway | $gateway_idle MiB | $(cat "$WORK/gateway.peak") MiB |")
print(f"| recording-worker | $worker_idle MiB | $(cat "$WORK/worker.peak") MiB |")
PY
