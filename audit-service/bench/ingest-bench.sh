#!/usr/bin/env bash
# Audit ingest and verification benchmark: prints figures, asserts nothing.
#
#   audit-service/bench/ingest-bench.sh [events=200000] [batch=1000] [verify-total=1000000]
#
# Starts a wire store of its own (mongo-java-server + H2 file, as ./govdata runs it, on a free port,
# data in a temporary directory), chains DataAccessed-shaped events (~900 bytes of JSON each) into it
# with the production ChainWriter (canonical JSON, SHA-256 links, one block insert per batch, head
# update, a signed checkpoint every 1000 records), fills the trail up to verify-total records and
# times a full ChainVerifier walk. Kafka is left out: it is measured elsewhere and the listener hands
# the writer exactly such batches. GOVDATA_WIRE_STORE_JAVA_OPTS and BENCH_JAVA_OPTS tune the two JVMs
# (defaults: the runner's wire-store flags, and a 512 MB benchmark JVM).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
: "${GOVDATA_WIRE_STORE_JAVA_OPTS:=-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"
: "${BENCH_JAVA_OPTS:=-Xmx512m -XX:+UseSerialGC}"

echo "== building =="
# The platform modules are installed first so the module-only commands below resolve them on a
# fresh clone with an empty Maven repository (they used to be offline and fail there).
mvn -B -q -pl platform/wire-store,audit-service -am install -DskipTests
mvn -B -q -pl audit-service test-compile
mvn -B -q -pl audit-service dependency:build-classpath -Dmdep.outputFile="$root/audit-service/target/bench.cp" -Dmdep.includeScope=test
mvn -B -q -pl platform/wire-store dependency:build-classpath -Dmdep.outputFile="$root/platform/wire-store/target/bench.cp"

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
# shellcheck disable=SC2086
java $GOVDATA_WIRE_STORE_JAVA_OPTS -cp "$(ls platform/wire-store/target/govdata-wire-store-*.jar | head -1):$(cat platform/wire-store/target/bench.cp)" \
  cn.govdata.wirestore.WireStore --host=127.0.0.1 --port="$port" --file="$work/bench.mv.db" >"$work/wire-store.log" 2>&1 &
store=$!
cleanup() { kill "$store" 2>/dev/null || true; wait "$store" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 1 60); do grep -qs "wire store ready" "$work/wire-store.log" && break; sleep 0.5; done
grep -q "wire store ready" "$work/wire-store.log" || { cat "$work/wire-store.log"; exit 1; }

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); wire store JVM: $GOVDATA_WIRE_STORE_JAVA_OPTS =="
# shellcheck disable=SC2086
java $BENCH_JAVA_OPTS -cp "audit-service/target/test-classes:audit-service/target/classes:$(cat audit-service/target/bench.cp)" \
  cn.govdata.audit.bench.IngestBench uri="mongodb://127.0.0.1:$port" "$@" 2>&1 | grep -v "INFO\|SLF4J\|WARN"
echo "== wire store file: $(du -h "$work/bench.mv.db" | cut -f1); load after: $(cut -d' ' -f1-3 /proc/loadavg) =="
