#!/usr/bin/env bash
# Fetch figures (issue 5): a SIZE_MIB (default 1024) object copied by the worker's fetch step (S3RecordingStore.copy,
# into the transcript bucket, verified) both ways it can: server-side (CopyObject, the default where one key reads
# both buckets) and streamed in parts through the worker (RECORDING_FETCH_SERVER_SIDE_COPY=false); beside them one
# plain SDK GetObject into a file and one GetObject piped into a PutObject, in the same run, each in its own JVM
# with a ${HEAP:-128m} maximum heap, against s3proxy over a folder (its own JVM).
# Build first: mvn -DskipTests install
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE_MIB="${SIZE_MIB:-1024}"
ROUNDS="${ROUNDS:-2}"
WORK="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$WORK"' EXIT

mvn -B -q -ntp -pl recording-worker dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP="recording-worker/target/classes:recording-worker/target/test-classes:$(cat "$WORK/cp.txt")"
run() { java "$@" -cp "$CP" bench/FetchBench.java; }
bench() { java -Xmx"${HEAP:-128m}" -cp "$CP" bench/FetchBench.java "$@" 2>/dev/null | sed -n 's/^RESULT //p'; }

mkdir -p "$WORK/s3"
java -Xmx1g -cp "$CP" bench/FetchBench.java serve "$WORK/s3" "$WORK/port" > "$WORK/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do [ -s "$WORK/port" ] && break; sleep 0.5; done
ENDPOINT="http://127.0.0.1:$(cat "$WORK/port")"
java -cp "$CP" bench/FetchBench.java put "$ENDPOINT" provider "acme/room/big" "$SIZE_MIB" 2>/dev/null

echo "| round | plain GetObject → file | GetObject piped into PutObject | worker, server-side copy | worker, streamed | server-side / plain | streamed / plain | streamed / piped | worker peak heap used / after GC (max): server-side; streamed |"
echo "|---|---|---|---|---|---|---|---|---|"
for round in $(seq 1 "$ROUNDS"); do
  plain=$(bench plain "$ENDPOINT" provider "acme/room/big" "$WORK/plain.bin"); rm -f "$WORK/plain.bin"
  piped=$(bench streamcopy "$ENDPOINT" provider "acme/room/big")
  rm -rf "$WORK/s3/transcripts/recordings"
  server_side=$(bench worker "$ENDPOINT" provider "acme/room/big")
  rm -rf "$WORK/s3/transcripts/recordings"
  streamed=$(bench worker-streamed "$ENDPOINT" provider "acme/room/big")
  rm -rf "$WORK/s3/transcripts/recordings"
  python3 - "$round" "$plain" "$piped" "$server_side" "$streamed" <<'PY'
import json, sys
r = sys.argv[1]
p, c, s, w = (json.loads(arg) for arg in sys.argv[2:])
rate = lambda x: f"{x['mib_per_s']:.0f} MiB/s ({x['seconds']:.1f} s)"
heap = lambda x: f"{x['peak_heap_used_mib']:.0f} / {x['peak_heap_after_gc_mib']:.0f} MiB ({x['max_heap_mib']:.0f})"
print(f"| {r} | {rate(p)} | {rate(c)} | {rate(s)} | {rate(w)} | {s['mib_per_s'] / p['mib_per_s']:.2f} | "
      f"{w['mib_per_s'] / p['mib_per_s']:.2f} | {w['mib_per_s'] / c['mib_per_s']:.2f} | {heap(s)}; {heap(w)} |")
PY
done
