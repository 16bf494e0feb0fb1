#!/usr/bin/env bash
# Per-document write/read cost of the old (Java serialization) and new (BSON) stored forms; then insert,
# find and update throughput of the wire store on a file, with CPU time per operation, then
# close, reopen and scan (every document read back from disk). Prints figures, asserts nothing.
#
# Usage: platform/wire-store/bench/codec-bench.sh [documents]     default 50000
#   BENCH_JAVA_OPTS  JVM options (store and client share one JVM; default -Xmx512m)
#   BENCH_THREADS    client threads (default 4)
#   MVN_ARGS         extra Maven arguments, e.g. -o when ~/.m2 is populated
# Works on a fresh clone: it builds the module (and its parent) first, without installing anything.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT"
DOCS=${1:-50000}

# shellcheck disable=SC2086
mvn -B -q ${MVN_ARGS:-} -pl platform/wire-store -am package -DskipTests
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
# shellcheck disable=SC2086
mvn -B -q ${MVN_ARGS:-} -pl platform/wire-store dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"

module=platform/wire-store/target
echo "JVM: ${BENCH_JAVA_OPTS:--Xmx512m}; $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)"
cp="$module/classes:$module/test-classes:$(cat "$cp_file")"
echo "== per document, this thread's CPU: H2's default form (Java serialization) vs BSON"
# shellcheck disable=SC2086
java ${BENCH_JAVA_OPTS:--Xmx512m} -cp "$cp" cn.govdata.wirestore.CodecMicroBench
echo "== through the wire protocol, one JVM for store and client"
# shellcheck disable=SC2086
exec java ${BENCH_JAVA_OPTS:--Xmx512m} -Dbench.threads="${BENCH_THREADS:-4}" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dorg.slf4j.simpleLogger.log.de.bwaldvogel.mongo.backend=error \
  -cp "$cp" cn.govdata.wirestore.CodecBench "$DOCS"
