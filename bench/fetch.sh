#!/usr/bin/env bash
# Fetch figures (issue 5): a SIZE_MIB (default 1024) object copied by the worker's fetch step (S3RecordingStore.copy:
# streamed in parts, MD5-verified, into the transcript bucket) and by one plain SDK GetObject into a file, in the
# same run, each in its own JVM with a ${HEAP:-128m} maximum heap, against s3proxy over a folder (its own JVM).
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

echo "| round | plain GetObject → file | GetObject piped into PutObject | worker fetch step → transcript bucket | worker / plain | worker / piped | worker peak heap used / after GC (max) |"
echo "|---|---|---|---|---|---|---|"
for round in $(seq 1 "$ROUNDS"); do
  plain=$(bench plain "$ENDPOINT" provider "acme/room/big" "$WORK/plain.bin"); rm -f "$WORK/plain.bin"
  piped=$(bench streamcopy "$ENDPOINT" provider "acme/room/big")
  rm -rf "$WORK/s3/transcripts/recordings"
  worker=$(bench worker "$ENDPOINT" provider "acme/room/big")
  rm -rf "$WORK/s3/transcripts/recordings"
  python3 - "$round" "$plain" "$piped" "$worker" <<'PY'
import json, sys
r, p, c, w = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3]), json.loads(sys.argv[4])
rate = lambda x: f"{x['mib_per_s']:.0f} MiB/s ({x['seconds']:.1f} s)"
print(f"| {r} | {rate(p)} | {rate(c)} | {rate(w)} | {w['mib_per_s'] / p['mib_per_s']:.2f} | {w['mib_per_s'] / c['mib_per_s']:.2f} | "
      f"{w['peak_heap_used_mib']:.0f} / {w['peak_heap_after_gc_mib']:.0f} MiB ({w['max_heap_mib']:.0f}) |")
PY
done
