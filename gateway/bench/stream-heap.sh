#!/usr/bin/env bash
# Long transfers through the gateway: a 200 MB download and a 200 MB upload, each paced to last
# longer than the 10 s time limit of ordinary routes, through a gateway started with a 64 MB heap.
# A gateway that held either body would fail with OutOfMemoryError; one that applied the route
# time limit would cut them at 10 s. Prints status, bytes, seconds and the gateway's peak heap use.
#
#   gateway/bench/stream-heap.sh [--size-mb 200] [--seconds 12] [--xmx 64m]
#
# Everything runs on 127.0.0.1: a small Python server (bench/slow_backend.py) plays the
# open-data service and Keycloak's certs endpoint; the token is signed here with openssl.
# BENCH_SKIP_BUILD=1 reuses gateway/target/gateway-*.jar.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=$ROOT/gateway/target/bench
SIZE_MB=200 SECONDS_=12 XMX=64m
while [ $# -gt 0 ]; do
  case $1 in
    --size-mb) SIZE_MB=$2; shift 2 ;;
    --seconds) SECONDS_=$2; shift 2 ;;
    --xmx) XMX=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$WORK"
say() { printf '[bench] %s\n' "$*"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  say "packaging the gateway"
  (cd "$ROOT" && mvn -B -q -o -pl gateway -am package -DskipTests)
fi
JAR=$(ls "$ROOT"/gateway/target/gateway-*.jar | grep -v original | head -1)

# A signing key, its JWKS and a token with the issuer and audience the gateway checks.
BACKEND_PORT=$(free_port) GATEWAY_PORT=$(free_port)
ISSUER="http://127.0.0.1:$BACKEND_PORT/realms/govdata"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/key.pem" 2>/dev/null
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
MODULUS=$(openssl rsa -in "$WORK/key.pem" -noout -modulus | cut -d= -f2 | xxd -r -p | b64url)
printf '{"keys":[{"kty":"RSA","kid":"bench","use":"sig","alg":"RS256","n":"%s","e":"AQAB"}]}' "$MODULUS" > "$WORK/jwks.json"
NOW=$(date +%s)
HEADER=$(printf '{"alg":"RS256","typ":"JWT","kid":"bench"}' | b64url)
CLAIMS=$(printf '{"iss":"%s","aud":"govdata-api","sub":"bench","azp":"bench-system","iat":%d,"exp":%d}' \
  "$ISSUER" "$NOW" $((NOW + 600)) | b64url)
SIGNATURE=$(printf '%s.%s' "$HEADER" "$CLAIMS" | openssl dgst -sha256 -sign "$WORK/key.pem" | b64url)
TOKEN="$HEADER.$CLAIMS.$SIGNATURE"

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

python3 "$ROOT/gateway/bench/slow_backend.py" --port "$BACKEND_PORT" --jwks "$WORK/jwks.json" \
  --size $((SIZE_MB * 1024 * 1024)) --seconds "$SECONDS_" &
PIDS+=($!)

say "gateway on :$GATEWAY_PORT with -Xmx$XMX"
java -Xmx"$XMX" -XX:TieredStopAtLevel=1 -jar "$JAR" \
  --server.port="$GATEWAY_PORT" --server.address=127.0.0.1 \
  --eureka.client.enabled=false \
  --spring.cloud.discovery.client.simple.instances.open-data-service[0].uri="http://127.0.0.1:$BACKEND_PORT" \
  --govdata.security.issuer="$ISSUER" \
  --govdata.gateway.rate-limit.overrides-file="$WORK/rate-limits.json" \
  "--govdata.gateway.body-limits.uploads[0].method=POST" \
  "--govdata.gateway.body-limits.uploads[0].path=/api/open-data/datasets/*/versions" \
  "--govdata.gateway.body-limits.uploads[0].max-size=$((SIZE_MB + 10))MB" \
  > "$WORK/gateway.log" 2>&1 &
GATEWAY_PID=$!
PIDS+=($GATEWAY_PID)
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$GATEWAY_PORT/actuator/health" >/dev/null 2>&1 && break
  kill -0 "$GATEWAY_PID" 2>/dev/null || { tail -30 "$WORK/gateway.log"; exit 1; }
  sleep 1
done

# Peak heap in use (old + young + survivor), sampled every 200 ms while a transfer runs.
sample_heap() {
  local peak=0 used
  while kill -0 "$GATEWAY_PID" 2>/dev/null && [ ! -f "$WORK/stop-sampling" ]; do
    used=$(jstat -gc "$GATEWAY_PID" | awk 'NR==2 {printf "%d", ($3+$4+$6+$8)/1024}')
    [ "${used:-0}" -gt "$peak" ] && peak=$used && echo "$peak" > "$WORK/peak-heap"
    sleep 0.2
  done
}
measure() {
  local name=$1; shift
  rm -f "$WORK/stop-sampling" "$WORK/peak-heap"
  sample_heap & local sampler=$!
  local result
  result=$("$@")
  touch "$WORK/stop-sampling"; wait "$sampler" 2>/dev/null || true
  say "$name: ${result# }, gateway peak heap used $(cat "$WORK/peak-heap" 2>/dev/null || echo '?') MB of $XMX," \
    "RSS $(awk '/VmRSS/ {printf "%d MB", $2/1024}' /proc/$GATEWAY_PID/status)"
}

measure "download ${SIZE_MB} MB" curl -s -o /dev/null -w 'status %{http_code}, %{size_download} bytes in %{time_total} s' \
  "http://127.0.0.1:$GATEWAY_PORT/api/open-data/public/datasets/BIG/download"
# Paced by curl to take about as long as the download.
RATE=$(( SIZE_MB * 1024 / ${SECONDS_%.*} ))K
measure "upload ${SIZE_MB} MB" sh -c "head -c $((SIZE_MB * 1024 * 1024)) /dev/zero | curl -s -X POST -T - \
  --limit-rate $RATE -H 'Authorization: Bearer $TOKEN' -H 'Content-Type: application/octet-stream' \
  -w ' status %{http_code}, %{size_upload} bytes in %{time_total} s' \
  http://127.0.0.1:$GATEWAY_PORT/api/open-data/datasets/BIG/versions"
say "OutOfMemoryError in the gateway log: $(grep -c OutOfMemoryError "$WORK/gateway.log" || true) time(s)"
