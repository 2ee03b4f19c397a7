#!/usr/bin/env bash
# Runs the attacks the system must refuse against a running system and prints one line per attack: what was
# sent, what a safe system answers, what came back, and REFUSED or LET THROUGH. Then checks that nothing was
# lost (an honest caller still gets a meeting, an honestly signed Daily webhook is accepted) and that no answer
# was a 5xx. Exits 0 only when every line says REFUSED or OK.
#
# It starts the system itself (bin/run-local with AUTH_BACKEND=jwt and a key pair made here with openssl; build
# first with mvn -DskipTests package, or set BUILD=1), plus two short-lived gateways: one with AUTH_BACKEND=none
# called from this machine's non-loopback address, and one with no AUTH_BACKEND at all, which must not start.
#   bench/abuse.sh
set -uo pipefail
cd "$(dirname "$0")/.."

PORT=1250
BASE_URL="http://127.0.0.1:$PORT"
MANAGEMENT_URL="http://127.0.0.1:1251"
WORK="$(mktemp -d)"
ISSUER="https://id.abuse.test/"
AUDIENCE="meetingbridge-abuse"
RUN="abuse$(date +%s)"
DAILY_SECRET_B64="$(printf 'abuse-daily-secret' | base64)"
failures=0
fivexx=0

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/key.pem" 2>/dev/null
openssl pkey -in "$WORK/key.pem" -pubout -out "$WORK/pub.pem"
openssl pkey -pubin -in "$WORK/pub.pem" -outform DER -out "$WORK/pub.der"

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
claims() { # sub [extra json members]
  local now; now=$(date +%s)
  printf '{"sub":"%s","iss":"%s","aud":"%s","iat":%d,"exp":%d%s}' "$1" "$ISSUER" "$AUDIENCE" "$now" $((now + 3600)) "${2:-}"
}
signed() { # payload [header]
  local h p
  h=$(printf '%s' "${2:-{\"alg\":\"RS256\",\"typ\":\"JWT\"}}" | b64url)
  p=$(printf '%s' "$1" | b64url)
  printf '%s.%s.%s' "$h" "$p" "$(printf '%s.%s' "$h" "$p" | openssl dgst -sha256 -sign "$WORK/key.pem" -binary | b64url)"
}
maced() { # payload hex-secret: HS256 with the given secret
  local h p
  h=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)
  p=$(printf '%s' "$1" | b64url)
  printf '%s.%s.%s' "$h" "$p" "$(printf '%s.%s' "$h" "$p" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$2" -binary | b64url)"
}

export AUTH_BACKEND=jwt AUTH_JWT_ISSUER="$ISSUER" AUTH_JWT_AUDIENCE="$AUDIENCE" \
  AUTH_JWT_PUBLIC_KEY="$(cat "$WORK/pub.pem")" DAILY_WEBHOOK_SECRET="$DAILY_SECRET_B64" \
  GATEWAY_PORT=$PORT
SKIP_BUILD=$([ "${BUILD:-0}" = 1 ] && echo 0 || echo 1) setsid bin/run-local > "$WORK/services.log" 2>&1 &
services=$!
extra=()
trap 'kill -- -"$services" 2>/dev/null; for p in "${extra[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$WORK"' EXIT
# run-local prints where the API is once all three services are ready
until grep -qs '^API:' "$WORK/services.log"; do
  kill -0 "$services" 2>/dev/null || { echo "the system did not start:" >&2; cat "$WORK/services.log" >&2; exit 1; }
  sleep 1
done

ALICE=$(signed "$(claims alice)")
MALLORY=$(signed "$(claims mallory)")

# call method url [curl args...]: prints the status; remembers 5xx
call() {
  local method=$1 url=$2; shift 2
  local status
  status=$(curl -s -o "$WORK/last" -w '%{http_code}' -X "$method" "$url" "$@")
  [ "${status:0:1}" = 5 ] && fivexx=$((fivexx + 1))
  echo "$status"
}
# attack name expected-statuses(regex) status
report() {
  local verdict=REFUSED
  [[ $2 =~ ^2 ]] && verdict=OK
  if ! [[ $3 =~ ^($2)$ ]]; then verdict="WRONG: LET THROUGH OR FAILED"; failures=$((failures + 1)); fi
  printf '%-72s expected %-9s got %-4s %s\n' "$1" "$2" "$3" "$verdict"
}
with_json() { local method=$1 url=$2 body=$3; shift 3; call "$method" "$url" -H 'content-type: application/json' --data-binary "$body" "$@"; }

echo "## authentication"
report "token with alg none" 401 "$(call GET "$BASE_URL/v1/rooms" -H "Authorization: Bearer $(printf '{"alg":"none","typ":"JWT"}' | b64url).$(claims alice | b64url).")"
report "token HS256-signed with the public key (DER bytes)" 401 "$(call GET "$BASE_URL/v1/rooms" -H "Authorization: Bearer $(maced "$(claims alice)" "$(xxd -p "$WORK/pub.der" | tr -d '\n')")")"
report "token HS256-signed with the public key (PEM text)" 401 "$(call GET "$BASE_URL/v1/rooms" -H "Authorization: Bearer $(maced "$(claims alice)" "$(xxd -p "$WORK/pub.pem" | tr -d '\n')")")"
report "token from another issuer" 401 "$(call GET "$BASE_URL/v1/rooms" -H "Authorization: Bearer $(signed "$(claims alice | sed "s#$ISSUER#https://evil.example/#")")")"
report "token for another audience" 401 "$(call GET "$BASE_URL/v1/rooms" -H "Authorization: Bearer $(signed "$(claims alice | sed "s#\"$AUDIENCE\"#\"someone-else\"#")")")"
report "token without an audience" 401 "$(call GET "$BASE_URL/v1/rooms" -H "Authorization: Bearer $(signed "$(claims alice | sed "s#,\"aud\":\"$AUDIENCE\"##")")")"
report "token not valid for another hour (nbf)" 401 "$(call GET "$BASE_URL/v1/rooms" -H "Authorization: Bearer $(signed "$(claims alice ",\"nbf\":$(( $(date +%s) + 3600 ))")")")"
report "token expired 5 minutes ago" 401 "$(call GET "$BASE_URL/v1/rooms" -H "Authorization: Bearer $(signed "$(claims alice | sed -E "s#\"exp\":[0-9]+#\"exp\":$(( $(date +%s) - 300 ))#")")")"
report "token signed by a stranger's key" 401 "$(openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/k2.pem" 2>/dev/null; cp "$WORK/key.pem" "$WORK/k1.pem"; cp "$WORK/k2.pem" "$WORK/key.pem"; t=$(signed "$(claims alice)"); cp "$WORK/k1.pem" "$WORK/key.pem"; call GET "$BASE_URL/v1/rooms" -H "Authorization: Bearer $t")"
report "token for the reserved user local (owner of everything with none)" 401 "$(call GET "$BASE_URL/v1/rooms" -H "Authorization: Bearer $(signed "$(claims local)")")"
report "anonymous room creation" 401 "$(with_json POST "$BASE_URL/v1/rooms" "{\"name\":\"$RUN-anon\"}")"

ROOM_ID=$(curl -s -X POST "$BASE_URL/v1/rooms" -H "Authorization: Bearer $ALICE" -H 'content-type: application/json' \
  -d "{\"name\":\"$RUN\",\"is_shared\":true}" | sed -E 's/.*"id":"([^"]+)".*/\1/')
report "another user changes alice's room" 403 "$(with_json PATCH "$BASE_URL/v1/rooms/$ROOM_ID" '{"name":"taken"}' -H "Authorization: Bearer $MALLORY")"
report "another user deletes alice's room" 403 "$(call DELETE "$BASE_URL/v1/rooms/$ROOM_ID" -H "Authorization: Bearer $MALLORY")"

echo "## a gateway with authentication off, called from another address"
ADDRESS=$(hostname -I 2>/dev/null | tr ' ' '\n' | grep -E '^[0-9.]+$' | grep -v '^127\.' | head -1)
SERVER_PORT=1260 MANAGEMENT_PORT=1261 AUTH_BACKEND=none java -jar api-gateway/target/api-gateway.jar > "$WORK/none.log" 2>&1 &
extra+=("$!")
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:1260/readyz" >/dev/null 2>&1 && break; sleep 1; done
if [ -n "$ADDRESS" ]; then
  report "AUTH_BACKEND=none, caller from $ADDRESS" 403 "$(call GET "http://$ADDRESS:1260/v1/rooms")"
else
  echo "AUTH_BACKEND=none from another address: skipped (this machine has no non-loopback address)"
fi
report "AUTH_BACKEND=none, caller on this machine (allowed)" 200 "$(call GET "http://127.0.0.1:1260/v1/rooms")"
env -u AUTH_BACKEND SERVER_PORT=1262 MANAGEMENT_PORT=1263 timeout 120 java -jar api-gateway/target/api-gateway.jar > "$WORK/unset.log" 2>&1
code=$?
report "gateway started without AUTH_BACKEND (exit status; 0 = served)" "[1-9][0-9]*" "$code"

echo "## webhook URLs into our own network (server-side request forgery)"
for url in http://169.254.169.254/latest/meta-data/ http://127.0.0.1:8082/actuator/health http://localhost:5432/ \
    http://2130706433/ http://0177.0.0.1/ http://127.1/ 'http://[::1]/' 'http://[::ffff:127.0.0.1]/' http://10.0.0.1/ \
    http://192.168.1.1/ http://100.64.0.1/ http://user:pw@example.com/ gopher://127.0.0.1:6379/; do
  report "room webhook_url $url" 422 "$(with_json PATCH "$BASE_URL/v1/rooms/$ROOM_ID" "{\"webhook_url\":\"$url\"}" -H "Authorization: Bearer $ALICE")"
done
for i in $(seq 1 6); do status=$(call POST "$BASE_URL/v1/rooms/$ROOM_ID/webhook/test" -H "Authorization: Bearer $ALICE"); done
report "6th webhook test by one user within a minute" 429 "$status"

echo "## provider rooms"
for i in $(seq 1 12); do status=$(with_json POST "$BASE_URL/v1/rooms/$RUN/meeting" '{"allow_duplicated":true}' -H "Authorization: Bearer $MALLORY"); done
report "12th allow_duplicated meeting by one user within the hour" 429 "$status"
report "allow_duplicated meeting by an anonymous caller" 401 "$(with_json POST "$BASE_URL/v1/rooms/$RUN/meeting" '{"allow_duplicated":true}')"

echo "## consent"
MEETING_ID=$(curl -s -X POST "$BASE_URL/v1/rooms/$RUN/meeting" -H "Authorization: Bearer $ALICE" -H 'content-type: application/json' \
  -d '{}' | sed -E 's/^\{"id":"([^"]+)".*/\1/')
for i in $(seq 1 21); do status=$(with_json POST "$BASE_URL/v1/meetings/$MEETING_ID/consent" '{"consent_given":false}'); done
report "21st anonymous consent decision from one address within a minute" 429 "$status"
report "consent decision on a meeting that does not exist" 404 "$(with_json POST "$BASE_URL/v1/meetings/00000000-0000-0000-0000-000000000000/consent" '{"consent_given":true}' -H "Authorization: Bearer $ALICE")"

echo "## operations endpoints"
for path in /actuator/prometheus /actuator/metrics /actuator/env /actuator/health; do
  report "GET $path on the API port" 404 "$(call GET "$BASE_URL$path")"
done
for path in /actuator/env /actuator/configprops /actuator/loggers /actuator/heapdump; do
  report "GET $path on the management port" 404 "$(call GET "$MANAGEMENT_URL$path")"
done
report "POST /actuator/bindings/... on recording-worker (stop consuming)" 404 "$(with_json POST "http://127.0.0.1:8082/actuator/bindings/recordingReady-in-0" '{"state":"STOPPED"}')"

echo "## bad input"
report "request body of 2 MB" 413 "$(head -c 2000000 /dev/zero | tr '\0' a | sed 's/^/{"name":"/; s/$/"}/' > "$WORK/big.json"; call POST "$BASE_URL/v1/rooms" -H "Authorization: Bearer $ALICE" -H 'content-type: application/json' --data-binary "@$WORK/big.json")"
report "malformed JSON" 422 "$(with_json POST "$BASE_URL/v1/rooms" '{"name":' -H "Authorization: Bearer $ALICE")"
report "Daily webhook with a bad signature" 401 "$(with_json POST "$BASE_URL/v1/daily/webhook" '{"type":"meeting.started"}' -H "X-Webhook-Timestamp: $(date +%s)" -H 'X-Webhook-Signature: AAAA')"
ts=$(( $(date +%s) - 7200 ))
body='{"version":"1.0.0","type":"meeting.started","id":"replay","payload":{"room":"x","start_ts":1},"event_ts":1}'
sig=$(printf '%s.%s' "$ts" "$body" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$(printf '%s' "$DAILY_SECRET_B64" | base64 -d | xxd -p | tr -d '\n')" -binary | openssl base64 -A)
report "Daily webhook replayed two hours later (valid signature)" 401 "$(with_json POST "$BASE_URL/v1/daily/webhook" "$body" -H "X-Webhook-Timestamp: $ts" -H "X-Webhook-Signature: $sig")"

echo "## API keys"
for i in $(seq 1 11); do status=$(call GET "$BASE_URL/v1/me" -H "X-API-Key: mbk_guess$i"); done
report "11th guessed API key from one address within a minute" 429 "$status"

echo "## nothing lost"
report "an honest caller still gets a meeting" 200 "$(with_json POST "$BASE_URL/v1/rooms/$RUN/meeting" '{}' -H "Authorization: Bearer $ALICE")"
ts=$(date +%s)
body='{"test":"test"}'
sig=$(printf '%s.%s' "$ts" "$body" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$(printf '%s' "$DAILY_SECRET_B64" | base64 -d | xxd -p | tr -d '\n')" -binary | openssl base64 -A)
report "an honestly signed Daily webhook (Daily's test ping) is accepted" 200 "$(with_json POST "$BASE_URL/v1/daily/webhook" "$body" -H "X-Webhook-Timestamp: $ts" -H "X-Webhook-Signature: $sig")"

echo
echo "answers 5xx: $fivexx; unexpected outcomes: $failures"
[ "$failures" = 0 ] && [ "$fivexx" = 0 ]
