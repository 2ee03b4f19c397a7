#!/usr/bin/env bash
# Transcript search figures: GET /v1/transcripts/search over TRANSCRIPTS (default 6,000) generated transcripts of
# MIN_WORDS..MAX_WORDS words each (default 4,000..9,000: a 30-60 minute meeting), at CLIENTS (8) concurrent clients
# for REQUESTS (400) requests spread over a set of queries, p50/p95/p99 per query; then the same SQL straight to
# PostgreSQL with pgbench at the same concurrency, for comparison.
#
# It creates its own database (DB, default meetingbridge_bench_search: dropped and created again), migrates it with
# the project's migrations, generates the transcripts in SQL (words drawn from a Zipf-like distribution over a
# 30,000-word vocabulary: common English words first, then a long tail; a few query words placed at known ranks),
# starts the built gateway against it (AUTH_BACKEND=none on loopback, port PORT, default 1290) and stops it when
# done. Needs PostgreSQL on 127.0.0.1:5432 (user postgres), RabbitMQ for the gateway, python3, pgbench, and the
# jars: mvn -DskipTests package (or install). KEEP_DB=1 leaves the database for another run with SKIP_GENERATE=1.
# Generating is the slow part: about 12 transcripts of full length per second per core here (two writers), so the
# default stays within about ten minutes; TRANSCRIPTS=100000 takes over an hour on a two-core machine.
# COPIES=n stores each generated transcript n times (see below), for an archive of TRANSCRIPTS x COPIES in minutes.
#   bench/search.sh
#   TRANSCRIPTS=4000 COPIES=25 bench/search.sh     # 100,000 transcripts
#   TRANSCRIPTS=100000 REQUESTS=800 bench/search.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DB="${DB:-meetingbridge_bench_search}"
TRANSCRIPTS="${TRANSCRIPTS:-6000}"
COPIES="${COPIES:-1}"
MIN_WORDS="${MIN_WORDS:-4000}"
MAX_WORDS="${MAX_WORDS:-9000}"
CLIENTS="${CLIENTS:-8}"
REQUESTS="${REQUESTS:-400}"
PORT="${PORT:-1290}"
BATCH="${BATCH:-500}"
WORK="$(mktemp -d)"
PSQL=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt)
gateway=""
cleanup() {
  [ -n "$gateway" ] && kill "$gateway" 2>/dev/null && wait "$gateway" 2>/dev/null || true
  [ "${KEEP_DB:-0}" = 1 ] || "${PSQL[@]}" -d postgres -c "drop database if exists $DB" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

[ -f migrations/target/migrations.jar ] && [ -f api-gateway/target/api-gateway.jar ] \
  || { echo "build first: mvn -DskipTests package" >&2; exit 1; }
command -v pgbench >/dev/null || { echo "pgbench is missing (Debian: postgresql-client)" >&2; exit 1; }

started=$(date +%s)
if [ "${SKIP_GENERATE:-0}" != 1 ]; then
  "${PSQL[@]}" -d postgres -c "drop database if exists $DB" -c "create database $DB"
  SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SPRING_DATASOURCE_USERNAME=postgres \
    java -jar migrations/target/migrations.jar > "$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log"; exit 1; }

  # The vocabulary: ranks 1..250 common English and meeting words, then a made-up long tail up to 30,000, with
  # real words at ranks 1,000 (roadmap), 5,000 (kubernetes) and 25,000 (escrow). A word's chance is about
  # 1 / (rank x ln 30,000), as in natural language: "the" is ~7 % of all words, rank 1,000 ~0.01 %.
  "${PSQL[@]}" -d "$DB" <<'SQL'
create table bench_vocabulary (rank int primary key, word text not null);
insert into bench_vocabulary
select n, word from unnest(regexp_split_to_array(btrim(
  'the of and to a in is that it you for i was on we with this be have are not at but as so they what do can
   there or if all will from just about one my by like he an would our more think your so going know me which
   people out up their get if time how some them also then because when well now really had very yeah right okay
   could see been has here where other us make these who any good want need way work those first should thing
   things into over only new much even back go did say said its two than many way lot little sure still look
   let take come week next last today year day data team point question mean maybe kind actually already
   something different start done part number make made same each both through down before after between
   again while few every another around might must since under without yes no three four five call meeting
   project plan review customer customers release product feature issue issues test tests user users change
   changes deploy server database design security budget quarter quarterly deadline hiring migration invoice
   sales marketing support account report reports launch schedule priority sprint backlog ticket tickets
   decision decisions approve approved contract legal finance revenue cost costs price pricing risk risks
   timeline goal goals metric metrics dashboard feedback demo'), '\s+')) with ordinality as t(word, n)
where word <> '';
insert into bench_vocabulary
select r, (array['ka','ro','mi','ne','tu','sa','lo','vi','de','pa','go','ze','fu','hi','be'])[1 + r % 15]
       || (array['ra','mo','li','se','ta','nu','ko','pe','di','va','zo','gi','bu','he','fa'])[1 + (r / 15) % 15]
       || (array['n','l','r','s','t','x','k','m','p','d'])[1 + (r / 225) % 10]
       || (array['','a','o','e','i','u','an','el','or','is','um','ex','ar','in'])[1 + (r / 2250) % 14]
from generate_series((select max(rank) + 1 from bench_vocabulary), 30000) r;
update bench_vocabulary set word = 'roadmap' where rank = 1000;
update bench_vocabulary set word = 'kubernetes' where rank = 5000;
update bench_vocabulary set word = 'escrow' where rank = 25000;
SQL

  # One batch: transcripts FROM..TO, each with a title of 4 words (ranks 51..2,050), a short (20 words) and a long
  # (120 words) summary, and its words in topics of 800 words as the pipeline stores them (text, start, end,
  # speaker); the database's trigger fills transcript_search as it would for the worker's rows.
  generate() {
    "${PSQL[@]}" -d "$DB" -v from="$1" -v to="$2" -v min="$MIN_WORDS" -v max="$MAX_WORDS" <<'SQL'
insert into transcript (id, user_id, name, title, status, source_kind, share_mode, duration_ms, short_summary,
                        long_summary, topics, created_at)
with lens as (
    select i, :min + floor(random() * (:max - :min + 1))::int as words from generate_series(:from, :to) i),
drawn as (
    select i, n, case when n < -120 then 50 + floor(power(2000, random()))::int
                      else floor(power(30000, random()))::int end as rank
    from lens, generate_series(-124, lens.words - 1) n),
said as (
    select i, n, word from drawn join bench_vocabulary using (rank)),
topics as (
    select i, n / 800 as t,
           '{"id":"topic-' || n / 800 || '","title":"","summary":"","timestamp":' || (n / 800) * 320
           || ',"duration":320.0,"transcript":"","words":['
           || string_agg('{"text":"' || word || '","start":' || round(n * 0.4, 1) || ',"end":'
                         || round(n * 0.4 + 0.3, 1) || ',"speaker":' || (n / 25) % 4 || '}', ',' order by n)
           || ']}' as topic
    from said where n >= 0
    group by i, n / 800),
written as (
    select i, initcap(string_agg(word, ' ' order by n) filter (where n < -120)) as title,
           string_agg(word, ' ' order by n) filter (where n between -120 and -101) as short_summary,
           string_agg(word, ' ' order by n) filter (where n between -120 and -1) as long_summary
    from said where n < 0
    group by i)
select 'bench-' || i, 'user-' || (i % 20), 'Meeting ' || i, written.title, 'ended',
       (array['room', 'live', 'file'])[1 + i % 3], (array['private', 'semi-private', 'public'])[1 + i % 3],
       lens.words * 400, written.short_summary, written.long_summary, spoken.topics,
       timestamp '2025-01-01' + i * interval '5 minutes'
from (select i, ('[' || string_agg(topic, ',' order by t) || ']')::jsonb as topics from topics group by i) spoken
join written using (i) join lens using (i);
SQL
  }
  # two writers, one per core
  writer() { # first last
    local from=$1
    while [ "$from" -le "$2" ]; do
      local to=$(( from + BATCH - 1 < $2 ? from + BATCH - 1 : $2 ))
      generate "$from" "$to"
      from=$(( to + 1 ))
    done
  }
  half=$(( TRANSCRIPTS / 2 ))
  writer 1 "$half" & w1=$!
  writer $(( half + 1 )) "$TRANSCRIPTS" & w2=$!
  wait "$w1"; wait "$w2"
  if [ "$COPIES" -gt 1 ]; then
    # Each generated transcript stored COPIES-1 more times under new ids and later dates, with its search row copied
    # instead of computed again (triggers off for these inserts, the GIN index built once afterwards): an archive of
    # TRANSCRIPTS x COPIES transcripts without hours of tokenising. The copies leave out the words' JSON (`topics`),
    # which a search never reads (it reads transcript_search), to keep the database within a few GB per 10,000.
    "${PSQL[@]}" -d "$DB" -v copies="$COPIES" -v n="$TRANSCRIPTS" <<'SQL'
set session_replication_role = replica;
set maintenance_work_mem = '1GB';
drop index idx_transcript_search_vector;
insert into transcript (id, user_id, name, title, status, source_kind, share_mode, duration_ms, short_summary,
                        long_summary, topics, created_at)
select t.id || '-' || c, t.user_id, t.name || ' (' || c || ')', t.title, t.status, t.source_kind, t.share_mode,
       t.duration_ms, t.short_summary, t.long_summary, '[]', t.created_at + c * :n * interval '5 minutes'
from transcript t cross join generate_series(1, :copies - 1) c;
insert into transcript_search (transcript_id, words_text, search_vector, head_vector)
select s.transcript_id || '-' || c, s.words_text, s.search_vector, s.head_vector
from transcript_search s cross join generate_series(1, :copies - 1) c;
create index idx_transcript_search_vector on transcript_search using gin (search_vector);
SQL
  fi
  "${PSQL[@]}" -d "$DB" -c "vacuum analyze transcript" -c "vacuum analyze transcript_search"
fi
generated=$(date +%s)
"${PSQL[@]}" -d "$DB" -c "select 'transcripts: ' || count(*) || ' (' || count(*) filter (where topics <> '[]') || ' distinct), words: ' || sum(duration_ms / 400)
  || ', database: ' || pg_size_pretty(pg_database_size(current_database())) from transcript" >&2
echo "generated in $(( generated - started )) s" >&2

# The gateway against this database, authentication off (the caller owns everything, so every transcript is
# searched: the widest search).
SERVER_PORT="$PORT" MANAGEMENT_PORT=$(( PORT + 1 )) AUTH_BACKEND=none \
  SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SPRING_DATASOURCE_USERNAME=postgres \
  java -jar api-gateway/target/api-gateway.jar > "$WORK/gateway.log" 2>&1 &
gateway=$!
for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
  kill -0 "$gateway" 2>/dev/null || { tail -50 "$WORK/gateway.log"; exit 1; }
  sleep 0.5
done

QUERIES=("budget" "roadmap" "kubernetes" "escrow" "roadmap kubernetes" '"budget review"' "zzyzx")
printf '%s\n' "${QUERIES[@]}" > "$WORK/queries.txt"

echo
echo "HTTP: GET /v1/transcripts/search?q=…&limit=20, $CLIENTS clients, $REQUESTS requests in turn over the queries"
python3 - "$PORT" "$CLIENTS" "$REQUESTS" "$WORK/queries.txt" <<'PY'
import http.client, json, statistics, sys, threading, time, urllib.parse
port, clients, requests, path = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
queries = [line.rstrip("\n") for line in open(path) if line.strip()]
lock = threading.Lock()
latencies = {q: [] for q in queries}
totals, failures, counter = {}, [0], [0]
def client():
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    while True:
        with lock:
            if counter[0] >= requests:
                return
            q = queries[counter[0] % len(queries)]
            counter[0] += 1
        started = time.perf_counter()
        connection.request("GET", "/v1/transcripts/search?limit=20&q=" + urllib.parse.quote(q))
        response = connection.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            if response.status != 200:
                failures[0] += 1
            else:
                totals[q] = json.loads(body)["total"]
            latencies[q].append(elapsed)
# one request per query first, so no figure includes the first use of a plan or a cold cache alone
for q in queries:
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    c.request("GET", "/v1/transcripts/search?limit=20&q=" + urllib.parse.quote(q)); c.getresponse().read()
began = time.perf_counter()
threads = [threading.Thread(target=client) for _ in range(clients)]
[t.start() for t in threads]; [t.join() for t in threads]
seconds = time.perf_counter() - began
def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]
print("| query | matches | requests | p50 ms | p95 ms | p99 ms |")
print("|---|---|---|---|---|---|")
everything = []
for q in queries:
    v = latencies[q]; everything += v
    print(f"| `{q}` | {totals.get(q, '?')} | {len(v)} | {pct(v, 50):.0f} | {pct(v, 95):.0f} | {pct(v, 99):.0f} |")
print(f"| all | | {len(everything)} | {pct(everything, 50):.0f} | {pct(everything, 95):.0f} | {pct(everything, 99):.0f} |")
print(f"\n{len(everything)} requests in {seconds:.1f} s ({len(everything) / seconds:.1f}/s), {failures[0]} not 200")
PY

# The same statements the gateway sends for one search (a caller who owns everything): the count of all matches
# and the ranked page, found through the GIN index (the planner told so), ranked by everything matched or, past
# SEARCH_FULL_RANK_LIMIT matches (the gateway's default 2,000), by title and summaries alone; then the page's texts
# for the snippets; as one pgbench transaction per query.
full_rank_limit="${SEARCH_FULL_RANK_LIMIT:-2000}"
echo
echo "SQL: the gateway's statements for one search straight to PostgreSQL (pgbench, $CLIENTS clients, the same requests)"
n=0
args=()
while IFS= read -r q; do
  literal=${q//\'/\'\'}
  page() {
    cat <<SQL
select t.id, t.title, t.user_id, t.room_id, r.name, t.source_kind, t.created_at, t.status, t.duration_ms, t.change_seq,
       ts_rank_cd('{0.1, 0.02, 0.2, 1.0}', transcript_search.$1, search_query, 32) as rank, count(*) over () as total
from transcript t join transcript_search on transcript_search.transcript_id = t.id
cross join websearch_to_tsquery('simple', '$literal') as search_query
left join room r on r.id = t.room_id
where transcript_search.search_vector @@ search_query
order by rank desc, t.created_at desc, t.id limit 20;
SQL
  }
  cat > "$WORK/q$n.sql" <<SQL
begin;
set local enable_seqscan = off;
set local enable_indexscan = off;
select count(*) as matches from transcript t join transcript_search on transcript_search.transcript_id = t.id
cross join websearch_to_tsquery('simple', '$literal') as search_query
where transcript_search.search_vector @@ search_query \gset
commit;
begin;
set local enable_seqscan = off;
set local enable_indexscan = off;
\if :matches <= $full_rank_limit
$(page search_vector)
\else
$(page head_vector)
\endif
commit;
select t.id, t.long_summary, s.words_text from transcript t join transcript_search s on s.transcript_id = t.id
where t.id in (select id from transcript order by created_at desc limit 20);
SQL
  args+=(-f "$WORK/q$n.sql")
  n=$((n + 1))
done < "$WORK/queries.txt"
per_client=$(( (REQUESTS + CLIENTS - 1) / CLIENTS ))
(cd "$WORK" && pgbench -h 127.0.0.1 -U postgres -n -c "$CLIENTS" -j 2 -t "$per_client" -l --log-prefix=pgb "${args[@]}" \
  "$DB" > pgbench.out 2>&1) || { cat "$WORK/pgbench.out"; exit 1; }
python3 - "$WORK" "$WORK/queries.txt" <<'PY'
import glob, sys
work, path = sys.argv[1], sys.argv[2]
queries = [line.rstrip("\n") for line in open(path) if line.strip()]
by_script = {}
for log in glob.glob(work + "/pgb.*"):
    for line in open(log):
        parts = line.split()
        by_script.setdefault(int(parts[3]), []).append(int(parts[2]) / 1000)
def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]
print("| query | transactions | p50 ms | p95 ms | p99 ms |")
print("|---|---|---|---|---|")
everything = []
for i, q in enumerate(queries):
    v = by_script.get(i, [])
    everything += v
    if v:
        print(f"| `{q}` | {len(v)} | {pct(v, 50):.0f} | {pct(v, 95):.0f} | {pct(v, 99):.0f} |")
print(f"| all | {len(everything)} | {pct(everything, 50):.0f} | {pct(everything, 95):.0f} | {pct(everything, 99):.0f} |")
PY
echo
echo "run took $(( $(date +%s) - started )) s"
