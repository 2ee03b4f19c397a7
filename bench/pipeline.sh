#!/usr/bin/env bash
# Pipeline figures: recordings per minute through the whole recording-worker pipeline (fetch from the provider
# bucket, ffmpeg mixdown and waveform, per-track transcription by a faked backend, then, with the model step on, the
# language model's topics and recap from a faked OpenAI-compatible server, transcript ended) with one and with two
# worker instances, without and with the model step, in the same run. Each recording is a Daily raw-tracks recording
# of three WebM/Opus tracks of AUDIO_SECONDS (default 60) made by the shipped ffmpeg, starting 0, 5 and 10 s in. The
# backend answers after DELAY_MS (default 500), the language model after LLM_DELAY_MS (default 1500) per call. S3 is
# s3proxy over a folder (its own JVM). Build first: mvn -DskipTests install
set -euo pipefail
cd "$(dirname "$0")/.."

RECORDINGS="${RECORDINGS:-12}"
AUDIO_SECONDS="${AUDIO_SECONDS:-60}"
DELAY_MS="${DELAY_MS:-500}"
LLM_DELAY_MS="${LLM_DELAY_MS:-1500}"
DB=meetingbridge_pipeline_bench
WORK="$(mktemp -d)"
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $DB" -c "create database $DB" >/dev/null
export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD=
java -jar migrations/target/migrations.jar >/dev/null 2>&1

mvn -B -q -ntp -pl recording-worker dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP="recording-worker/target/classes:recording-worker/target/test-classes:$(cat "$WORK/cp.txt")"
mkdir -p "$WORK/s3" "$WORK/tracks"
java -Xmx1g -cp "$CP" bench/FetchBench.java serve "$WORK/s3" "$WORK/port" > "$WORK/s3.log" 2>&1 &
pids+=($!)
java -cp "$CP" bench/FakeTranscriber.java 18093 "$DELAY_MS" "$LLM_DELAY_MS" > "$WORK/transcriber.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do [ -s "$WORK/port" ] && break; sleep 0.5; done
ENDPOINT="http://127.0.0.1:$(cat "$WORK/port")"
FFMPEG=$(java -cp "$CP" app.meetingbridge.ffmpeg.ShippedFfmpeg)

start=1732600005500
keys=()
for i in 0 1 2; do
  participant=$(python3 -c 'import uuid; print(uuid.uuid4())')
  key="$start-$participant-cam-audio-$((start + i * 5000))"
  "$FFMPEG" -nostdin -loglevel error -y -f lavfi -i "sine=frequency=$((300 + i * 200)):duration=$AUDIO_SECONDS" \
    -c:a libopus -f webm "$WORK/tracks/$key"
  keys+=("$key")
done
KEYS=$(IFS=,; echo "${keys[*]}")
for model in off on; do
  for workers in 1 2; do
    java -cp "$CP" bench/FetchBench.java putmany "$ENDPOINT" provider "$model$workers" "$RECORDINGS" "$WORK/tracks" 2>/dev/null
  done
done

echo "| model step | workers | recordings | seconds | recordings per minute | audio per recording | model calls |"
echo "|---|---|---|---|---|---|---|"
for model in off on; do
for workers in 1 2; do
  LLM=""
  [ "$model" = on ] && LLM=http://127.0.0.1:18093/v1
  wpids=()
  for n in $(seq 1 "$workers"); do
    SERVER_PORT=$((18200 + n)) S3_ENDPOINT="$ENDPOINT" TRANSCRIPT_STORAGE_AWS_BUCKET_NAME=transcripts \
      TRANSCRIPT_STORAGE_AWS_ACCESS_KEY_ID=test-access-key TRANSCRIPT_STORAGE_AWS_SECRET_ACCESS_KEY=test-secret-key \
      AWS_DAILY_S3_BUCKET=provider AWS_DAILY_S3_REGION=us-east-1 TRANSCRIPT_BACKEND_URL=http://127.0.0.1:18093 LLM_URL="$LLM" \
      java -jar recording-worker/target/recording-worker.jar > "$WORK/worker-$workers-$n.log" 2>&1 &
    wpids+=($!)
    pids+=($!)
  done
  for n in $(seq 1 "$workers"); do
    for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$((18200 + n))/readyz" >/dev/null 2>&1 && break; sleep 1; done
  done
  t0=$(date +%s.%N)
  calls0=$(grep -c 'chat/completions' "$WORK/transcriber.log" || true)
  java -cp "$CP" bench/FetchBench.java announce 127.0.0.1 "$model$workers" "$RECORDINGS" "$KEYS" 2>/dev/null
  for _ in $(seq 1 1800); do
    done_count=$(psql -h 127.0.0.1 -U postgres -d "$DB" -tAc "select count(*) from transcript t join recording r on r.id = t.recording_id where t.status = 'ended' and cardinality(t.postprocess_missing) = 0 and r.provider_recording_id like '$model$workers-%'")
    [ "$done_count" -ge "$RECORDINGS" ] && break
    sleep 0.5
  done
  t1=$(date +%s.%N)
  calls=$(( $(grep -c 'chat/completions' "$WORK/transcriber.log" || true) - calls0 ))
  python3 -c "import sys; s=$t1-$t0; print(f'| $model | $workers | $done_count | {s:.1f} | {$RECORDINGS*60/s:.1f} | 3 tracks × ${AUDIO_SECONDS} s | $calls |')"
  kill "${wpids[@]}" 2>/dev/null || true
  wait "${wpids[@]}" 2>/dev/null || true
done
done
