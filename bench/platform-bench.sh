#!/usr/bin/env bash
# Platform benchmark against the real stack that ./govdata runs: black-box, real Keycloak tokens,
# through the gateway. Prints figures and a table; asserts nothing. See bench/README.md.
#
#   bench/platform-bench.sh                       # everything, 1,000,000 generated access records
#   BENCH_RECORDS=100000 bench/platform-bench.sh  # a quicker run
#
# It RESETS the stack it measures (step 5 times `./govdata up --skip-build` from `./govdata reset`),
# so run it beside your own stack: GOVDATA_PORT_OFFSET=30000 bench/platform-bench.sh. It leaves that
# stack up (BENCH_DOWN=1 stops it at the end).
#
# Environment (defaults in brackets):
#   BENCH_RECORDS [1000000]     DataAccessed records generated for step 2
#   BENCH_CONNECTIONS [16]      wrk connections (threads: 2)
#   BENCH_DURATION [30]         seconds per measured wrk run; BENCH_WARMUP [10] before each pair
#   BENCH_IDLE_SECONDS [30]     CPU sampling window of step 3
#   BENCH_EVENTS [30]           publications timed in step 4
#   BENCH_STARTUP [1]           0: use the stack that is up instead of reset + up (the raised limits
#                               below then apply only if that stack was started with them)
#   BENCH_INGEST_TIMEOUT [3600] seconds to wait for the audit service to ingest the generated records
#   BENCH_GATEWAY_RATE [100000] gateway per-client token bucket (replenish/s; burst = 2x) for the run
#   BENCH_GRANT_RATE [1000000]  exchange default per-grant rate per minute; BENCH_GRANT_QUOTA [100000000] per day
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
: "${BENCH_RECORDS:=1000000}"
: "${BENCH_CONNECTIONS:=16}"
: "${BENCH_DURATION:=30}"
: "${BENCH_WARMUP:=10}"
: "${BENCH_IDLE_SECONDS:=30}"
: "${BENCH_EVENTS:=30}"
: "${BENCH_STARTUP:=1}"
: "${BENCH_INGEST_TIMEOUT:=3600}"
: "${BENCH_DOWN:=0}"
HOME_DIR=${GOVDATA_HOME:-$ROOT/.govdata}
WORK=$HOME_DIR/bench
mkdir -p "$WORK"
# The person every measured call asks for: a provider-sim record answered after a fixed 20 ms delay.
KEY=320105197709152321
grep -q '"fixedDelayMilliseconds": 20' "$ROOT/deploy/provider-sim/mappings/person-02.json" \
  || echo "[bench] warning: deploy/provider-sim person-02 no longer has a 20 ms delay"

# --- limits raised for the run, the documented ways.
# Gateway: the benchmark client's own bucket is raised by the operator endpoint after set-up
# (PUT /api/gateway/rate-limits/hrss-system, gateway/README.md), so it also applies to a running
# stack (BENCH_STARTUP=0); every other client keeps the default.
# Exchange: govdata.sharing.grants.default-* apply to grants without a rate/quota of their own (an
# unconditional grant, as made below, has none); read at the sharing service's start.
export GOVDATA_SHARING_GRANTS_DEFAULT_RATE_PER_MINUTE=${BENCH_GRANT_RATE:-1000000}
export GOVDATA_SHARING_GRANTS_DEFAULT_DAILY_QUOTA=${BENCH_GRANT_QUOTA:-100000000}

say() { printf '[bench %4ss] %s\n' "$SECONDS" "$*"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
declare -A R   # results for the table

# ------------------------------------------------------------------------------------- tools
ensure_tools() {
  local missing=() t sudo_cmd=()
  for t in wrk kcat jq curl; do command -v "$t" >/dev/null || missing+=("$t"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo -n)
  say "installing ${missing[*]} from Debian (apt-get)"
  if ! { "${sudo_cmd[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq \
         --no-install-recommends "${missing[@]}"; } >"$WORK/apt.log" 2>&1; then
    die "could not install ${missing[*]} (see $WORK/apt.log); as root: apt-get install ${missing[*]}"
  fi
}

# ------------------------------------------------------------------------------- helpers
ms() {  # wrk's "12.34ms" / "1.2s" / "850.00us" -> milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
percentile() {  # percentile P < numbers, one per line
  sort -n | awk -v p="$1" '{ a[NR] = $1 } END { if (NR == 0) { print "n/a"; exit } i = int(p * NR + 0.999999); if (i < 1) i = 1; if (i > NR) i = NR; printf "%.1f", a[i] }'
}
token_user() {
  curl -sf "$KEYCLOAK_TOKEN_URL" -d grant_type=password -d client_id=govdata-portal -d username="$1" -d password="$DEMO_PASSWORD" | jq -r .access_token
}
token_client() {
  curl -sf "$KEYCLOAK_TOKEN_URL" -d grant_type=client_credentials -d client_id="$1" -d client_secret="demo-secret-$1" | jq -r .access_token
}
load_endpoints() { set -a; # shellcheck disable=SC1091
  . "$HOME_DIR/endpoints.env"; set +a; }

# wrk_run NAME URL [HEADER...]: one measured run; sets R[NAME.rps|p50|p99|errors]
wrk_run() {
  local name=$1 url=$2; shift 2
  local args=() h out
  for h in "$@"; do args+=(-H "$h"); done
  out=$(wrk -t2 -c"$BENCH_CONNECTIONS" -d"${BENCH_DURATION}s" --latency "${args[@]}" "$url")
  echo "$out" >"$WORK/wrk-$name.txt"
  R[$name.rps]=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")
  R[$name.p50]=$(ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")
  R[$name.p99]=$(ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
  # Non-2xx answers and wrk's socket errors (timeouts: no answer within wrk's 2 s).
  R[$name.errors]=$(awk '/Non-2xx or 3xx responses:/ { n = $NF } /Socket errors:/ { gsub(",", ""); t = $NF; c = $4 + $6 + $8 }
    END { printf "%d non-2xx, %d timeouts, %d other socket errors", n, t, c }' <<<"$out")
  say "$name: ${R[$name.rps]} req/s, p50 ${R[$name.p50]} ms, p99 ${R[$name.p99]} ms, ${R[$name.errors]}"
}

# exchange_pair TAG: direct provider vs the exchange through the gateway, same load.
exchange_pair() {
  local tag=$1 hrss
  hrss=$(token_client hrss-system)   # fresh: the runs must not outlive the token
  say "warm-up ${BENCH_WARMUP}s (both paths)"
  wrk -t2 -c"$BENCH_CONNECTIONS" -d"${BENCH_WARMUP}s" "$PROVIDER_SIM_URL/api/people/$KEY" >/dev/null
  wrk -t2 -c"$BENCH_CONNECTIONS" -d"${BENCH_WARMUP}s" -H "Authorization: Bearer $hrss" -H 'X-Purpose: bench' \
    "$GATEWAY_URL/api/exchange/$RESOURCE/records/$KEY" >/dev/null
  wrk_run "$tag.direct" "$PROVIDER_SIM_URL/api/people/$KEY"
  wrk_run "$tag.gateway" "$GATEWAY_URL/api/exchange/$RESOURCE/records/$KEY" "Authorization: Bearer $hrss" 'X-Purpose: bench'
  R[$tag.ratio]=$(awk -v g="${R[$tag.gateway.rps]}" -v d="${R[$tag.direct.rps]}" 'BEGIN { printf "%.2f", (d > 0) ? g / d : 0 }')
  R[$tag.add50]=$(awk -v g="${R[$tag.gateway.p50]}" -v d="${R[$tag.direct.p50]}" 'BEGIN { printf "%.1f", g - d }')
  R[$tag.add99]=$(awk -v g="${R[$tag.gateway.p99]}" -v d="${R[$tag.direct.p99]}" 'BEGIN { printf "%.1f", g - d }')
}

# ------------------------------------------------------------------ 5. start-up time and RSS
startup() {
  local started
  # Jars and class-data archives first: a fresh clone's first `up` builds, and its first `down`
  # writes the archives, as a developer's would. Not timed.
  if ! ls "$HOME_DIR"/cds/gateway/*.jsa >/dev/null 2>&1; then
    say "first up (build if needed, then records class-data archives at the reset below); not timed"
    ./govdata up >"$WORK/up-prepare.log" 2>&1 || { tail -20 "$WORK/up-prepare.log"; die "./govdata up failed"; }
  fi
  say "./govdata reset"
  ./govdata reset >"$WORK/reset.log" 2>&1 || { tail -20 "$WORK/reset.log"; die "./govdata reset failed"; }
  say "timing ./govdata up --skip-build (load before: $(cut -d' ' -f1-3 /proc/loadavg))"
  started=$(date +%s.%N)
  ./govdata up --skip-build >"$WORK/up.log" 2>&1 || { tail -20 "$WORK/up.log"; die "./govdata up --skip-build failed"; }
  R[up]=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
  R[load]=$(cut -d' ' -f1 /proc/loadavg)
  say "up in ${R[up]} s ($(grep -c 'ready$' "$WORK/up.log") components ready; load after: ${R[load]})"
}

rss() {
  ./govdata rss | tee "$WORK/rss.txt"
  R[rss]=$(awk '$1 == "total" { print $2 }' "$WORK/rss.txt")
}

# ---------------------------------------------------- the scenario (README "Try the exchange by hand")
setup_exchange() {
  BUREAU=$(token_user bureau); PSB=$(token_user psb-officer)
  local d hrss
  for d in 'PSB 市公安局' 'HRSS 市人社局'; do
    set -- $d
    curl -s -o /dev/null "$GATEWAY_URL/api/catalog/departments" -H "Authorization: Bearer $BUREAU" -H 'Content-Type: application/json' \
      -d "{\"code\":\"$1\",\"name\":\"$2\",\"level\":\"CITY\",\"region\":\"320100\",\"dataOfficer\":{\"realName\":\"张伟\",\"phone\":\"025-84420000\"}}"
  done
  RESOURCE=$(publish_entry "人口基本信息（基准）" 002)
  [ -n "$RESOURCE" ] && [ "$RESOURCE" != null ] || die "could not publish the people resource"
  local provider="{\"mode\":\"API\",\"endpoint\":\"$PROVIDER_SIM_URL/api/people/{key}\",\"recordKeyField\":\"公民身份号码\",
    \"masking\":{\"公民身份号码\":\"ID_NUMBER\",\"姓名\":\"NAME\",\"手机号码\":\"PHONE\",\"住址\":\"ADDRESS\"}}"
  local i
  for i in $(seq 1 60); do
    curl -sf -o /dev/null -X PUT "$GATEWAY_URL/api/sharing/providers/$RESOURCE" -H "Authorization: Bearer $PSB" \
      -H 'Content-Type: application/json' -d "$provider" && break
    sleep 1
  done
  local rate=${BENCH_GATEWAY_RATE:-100000}
  curl -sf -o /dev/null -X PUT "$GATEWAY_URL/api/gateway/rate-limits/hrss-system" -H "Authorization: Bearer $(token_user operator)" \
    -H 'Content-Type: application/json' -d "{\"replenishRate\":$rate,\"burstCapacity\":$(( rate * 2 ))}" \
    || die "the operator could not raise hrss-system's gateway limit"
  hrss=$(token_client hrss-system)
  curl -s "$GATEWAY_URL/api/sharing/applications" -H "Authorization: Bearer $hrss" -H 'Content-Type: application/json' -d "{
    \"resourceId\":\"$RESOURCE\",\"scenario\":\"养老保险待遇资格认证\",\"purpose\":\"核验参保人身份\",\"items\":[\"公民身份号码\",\"姓名\"],
    \"method\":\"API\",\"validTo\":\"2027-12-31T00:00:00Z\"}" >"$WORK/application.json"
  local status
  status=$(curl -s -o "$WORK/first-call.json" -w '%{http_code}' "$GATEWAY_URL/api/exchange/$RESOURCE/records/$KEY" \
    -H "Authorization: Bearer $hrss" -H 'X-Purpose: bench')
  [ "$status" = 200 ] || { cat "$WORK/application.json" "$WORK/first-call.json" >&2; die "the exchange answered $status, not 200"; }
  say "resource $RESOURCE published, provider registered, hrss-system granted ($(jq -r .state "$WORK/application.json"))"
}

# publish_entry NAME ITEMCODE: PSB drafts and submits, the bureau approves; prints the entry id.
publish_entry() {
  local id
  id=$(curl -s "$GATEWAY_URL/api/catalog/entries" -H "Authorization: Bearer $PSB" -H 'Content-Type: application/json' -d '{
    "name":"'"$1"'","summary":"人口基本信息，由公安局人口信息系统采集","category":"DEPARTMENTAL","classCode":"03","itemCode":"'"$2"'",
    "providerDepartment":"PSB","sourceSystem":"人口信息管理系统","formats":["JSON"],"form":"STRUCTURED",
    "dataItems":[{"name":"公民身份号码","type":"STRING","length":18,"personal":true,"sensitive":true},{"name":"姓名","type":"STRING","personal":true},
                 {"name":"手机号码","type":"STRING","personal":true},{"name":"住址","type":"STRING","personal":true}],
    "shareType":"UNCONDITIONAL","shareMethods":["API"],"openType":"NOT_OPEN","openReason":"含个人信息",
    "openLegalBasis":"《个人信息保护法》第二十八条","updateFrequency":"DAILY","region":"320100","grade":"GENERAL"}' | jq -r .id)
  curl -s -o /dev/null -X POST "$GATEWAY_URL/api/catalog/entries/$id/submit" -H "Authorization: Bearer $PSB"
  curl -s -o /dev/null "$GATEWAY_URL/api/catalog/entries/$id/review" -H "Authorization: Bearer $BUREAU" \
    -H 'Content-Type: application/json' -d '{"decision":"APPROVE"}'
  echo "$id"
}

# ------------------------------------------------------------------------ 2. generated records
audit_ingested() {  # records in the audit trail, all chains
  curl -s "$GATEWAY_URL/api/audit/chain/head" -H "Authorization: Bearer $(token_user auditor)" | jq '[.[].seq] | add // 0'
}

generate_records() {
  local cp before target started now count last=-1 stalled=0
  cp=$(cat "$HOME_DIR/classpath/local-kafka.cp")
  before=$(audit_ingested)
  target=$(( before + BENCH_RECORDS ))
  say "generating $BENCH_RECORDS DataAccessed records as the sharing service's Kafka principal (audit trail holds $before)"
  started=$SECONDS
  java -Xmx512m -cp "$cp" "$ROOT/bench/AccessEventGenerator.java" "$KAFKA_BOOTSTRAP" "$BENCH_RECORDS" \
    "$(cat "$HOME_DIR/secrets/kafka/sharing-service.password")" "$KAFKA_SYSTEM_TEST_PASSWORD" 2>"$WORK/generator.err" \
    | tee "$WORK/generator.log" | grep 'produced' || { cat "$WORK/generator.err" >&2; die "the generator failed"; }
  R[gen.produce]=$(( SECONDS - started ))
  say "waiting for the audit service to chain them (up to ${BENCH_INGEST_TIMEOUT}s)"
  while :; do
    count=$(audit_ingested || echo "$last")
    [ "$count" -ge "$target" ] && break
    if [ "$count" = "$last" ]; then stalled=$(( stalled + 1 )); else stalled=0; fi
    (( stalled >= 12 )) && { say "warning: the audit trail stopped growing at $count (< $target)"; break; }
    (( SECONDS - started > BENCH_INGEST_TIMEOUT )) && { say "warning: timed out at $count of $target"; break; }
    last=$count
    sleep 10
  done
  R[gen.ingest]=$(( SECONDS - started ))
  R[gen.count]=$(( count - before ))
  R[gen.rate]=$(( R[gen.count] / (R[gen.ingest] > 0 ? R[gen.ingest] : 1) ))
  say "audit trail +${R[gen.count]} records in ${R[gen.ingest]} s (${R[gen.rate]}/s end to end)"
}

# ------------------------------------------------------------------------------ 3. idle CPU
idle_cpu() {
  local c pid tck=$(getconf CLK_TCK) f
  declare -A before
  local names=()
  for f in "$HOME_DIR"/run/*.pid; do
    c=$(basename "$f" .pid); pid=$(cat "$f")
    [ -r "/proc/$pid/stat" ] || continue
    before[$c]=$(awk '{ print $14 + $15 }' "/proc/$pid/stat"); names+=("$c")
  done
  say "sampling CPU of ${#names[@]} processes for ${BENCH_IDLE_SECONDS}s while idle"
  sleep "$BENCH_IDLE_SECONDS"
  : >"$WORK/idle-cpu.txt"
  for c in "${names[@]}"; do
    pid=$(cat "$HOME_DIR/run/$c.pid")
    [ -r "/proc/$pid/stat" ] || continue
    awk -v c="$c" -v b="${before[$c]}" -v t="$tck" -v s="$BENCH_IDLE_SECONDS" \
      '{ printf "%-18s %6.2f%%\n", c, 100 * ($14 + $15 - b) / t / s }' "/proc/$pid/stat" >>"$WORK/idle-cpu.txt"
  done
  sort -k2 -rn "$WORK/idle-cpu.txt"
  R[idle.store]=$(awk '$1 == "wire-store" { print $2 }' "$WORK/idle-cpu.txt")
  R[idle.services]=$(awk '$1 ~ /-service$|^gateway$|^discovery$/ { s += $2 } END { printf "%.2f%%", s }' "$WORK/idle-cpu.txt")
  R[idle.all]=$(awk '{ s += $2 } END { printf "%.2f%%", s }' "$WORK/idle-cpu.txt")
}

# ------------------------------------------------------------------ 4. event latency to a county
event_latency() {
  local out=$WORK/region-320111.txt i id t0 kpid
  : >"$out"
  # county-pukou's own credentials over SASL/PLAIN, as README "Kafka security" documents; each
  # record's key stamped with this machine's clock when kcat hands it over.
  ( kcat -C -u -b "$KAFKA_BOOTSTRAP" -t govdata.region.320111.v1 -o end -q \
      -X security.protocol=SASL_PLAINTEXT -X sasl.mechanisms=PLAIN -X sasl.username=county-pukou \
      -X sasl.password=demo-secret-county-pukou -f '%k\n' 2>"$WORK/kcat.err" \
    | while IFS= read -r key; do printf '%s %s\n' "$EPOCHREALTIME" "$key" >>"$out"; done ) &
  kpid=$!
  sleep 8   # partition assignment and the first fetch
  : >"$WORK/published.txt"
  say "publishing $BENCH_EVENTS city-wide catalog entries (flowed back to every county) and timing their arrival"
  for i in $(seq 1 "$BENCH_EVENTS"); do
    id=$(publish_entry "人口基本信息（延迟基准$i-$RANDOM）" 002)   # returns once the approving call has answered
    t0=$EPOCHREALTIME
    echo "$t0 $id" >>"$WORK/published.txt"
    sleep 0.5
  done
  for i in $(seq 1 30); do
    [ "$(grep -c -F -f <(awk '{ print $2 }' "$WORK/published.txt") "$out" || true)" -ge "$BENCH_EVENTS" ] && break
    sleep 1
  done
  kill "$kpid" 2>/dev/null || true; pkill -P "$kpid" 2>/dev/null || true
  # The first arrival of each entry after its approval (the entry's earlier events are not flowed back).
  awk 'NR == FNR { t[$2] = $1; next } ($2 in t) && !($2 in seen) && $1 >= t[$2] { seen[$2] = 1; printf "%.1f\n", ($1 - t[$2]) * 1000 }' \
    "$WORK/published.txt" "$out" >"$WORK/event-latency-ms.txt"
  R[ev.n]=$(wc -l <"$WORK/event-latency-ms.txt")
  R[ev.p50]=$(percentile 0.50 <"$WORK/event-latency-ms.txt")
  R[ev.p99]=$(percentile 0.99 <"$WORK/event-latency-ms.txt")
  say "event latency: ${R[ev.n]} of $BENCH_EVENTS received, p50 ${R[ev.p50]} ms, p99 ${R[ev.p99]} ms"
}

# ----------------------------------------------------------------------------------- run
ensure_tools
say "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); GOVDATA_PORT_OFFSET=${GOVDATA_PORT_OFFSET:-0}"
if [ "$BENCH_STARTUP" = 1 ]; then
  startup
else
  R[up]="(skipped)"
  say "BENCH_STARTUP=0: using the running stack; the raised limits apply only if it was started with them"
fi
load_endpoints
rss
setup_exchange
say "== 1. exchange through the gateway vs the provider direct ($BENCH_CONNECTIONS connections, ${BENCH_DURATION}s) =="
exchange_pair before
say "== 2. after $BENCH_RECORDS generated access records =="
generate_records
exchange_pair after
say "== 3. idle CPU =="
idle_cpu
say "== 4. event latency =="
event_latency
R[rss.after]=$(./govdata rss | awk '$1 == "total" { print $2 }')

cat <<EOF

platform-bench: $(nproc) cores, load now $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ), $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)
| measure                                              | value |
|------------------------------------------------------|-------|
| 5. up --skip-build from reset                        | ${R[up]} s (load 1-min at the end: ${R[load]:-n/a}) |
| 5. stack RSS after up / at the end                   | ${R[rss]} MB / ${R[rss.after]} MB |
| 1. direct provider: req/s, p50, p99                  | ${R[before.direct.rps]}, ${R[before.direct.p50]} ms, ${R[before.direct.p99]} ms |
| 1. gateway exchange: req/s, p50, p99                 | ${R[before.gateway.rps]}, ${R[before.gateway.p50]} ms, ${R[before.gateway.p99]} ms (${R[before.gateway.errors]}) |
| 1. throughput ratio gateway/direct; added p50 / p99  | ${R[before.ratio]}; +${R[before.add50]} ms / +${R[before.add99]} ms |
| 2. records generated; chained by audit in            | ${R[gen.count]} in ${R[gen.ingest]} s (${R[gen.rate]}/s; produced in ${R[gen.produce]} s) |
| 2. gateway exchange after: req/s, p50, p99           | ${R[after.gateway.rps]}, ${R[after.gateway.p50]} ms, ${R[after.gateway.p99]} ms (${R[after.gateway.errors]}) |
| 2. ratio after; added p50 / p99                      | ${R[after.ratio]}; +${R[after.add50]} ms / +${R[after.add99]} ms |
| 3. idle CPU over ${BENCH_IDLE_SECONDS}s: wire store / services / all    | ${R[idle.store]} / ${R[idle.services]} / ${R[idle.all]} of one core |
| 4. API response -> county-pukou receipt p50 / p99    | ${R[ev.p50]} ms / ${R[ev.p99]} ms (${R[ev.n]} of $BENCH_EVENTS events) |
Raw outputs: $WORK
EOF

if [ "$BENCH_DOWN" = 1 ]; then ./govdata down >/dev/null; fi
