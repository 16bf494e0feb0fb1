#!/usr/bin/env bash
# Times typical service calls against the wire store (with its secondary indexes) and against stock
# mongo-java-server (no secondary indexes, exact-unique-key planning only) for growing collections:
# an equality query on an indexed field, a 100-document range on a date, an optimistic-lock update
# ({_id, version}), and the "pending outbox" query ({"outbox.eventId": {$exists: true}}, sparse index,
# 1 document in 1,000 has an event). Also prints the heap used after loading and the bytes per index
# entry. Asserts nothing.
#
# Usage: platform/wire-store/bench/index-bench.sh [sizes]     e.g. 10000,100000,1000000
#   BENCH_SIZES      default sizes (10000,100000,200000)
#   BENCH_JAVA_OPTS  JVM options of the benchmark, which runs store and client in one JVM (default -Xmx1g)
#   BENCH_STORES     stock,wire (default) or wire alone: stock needs seconds per call at 1M documents
#   MVN_ARGS         extra Maven arguments, e.g. -o when ~/.m2 is populated
# Works on a fresh clone: it builds the module (and its parent) first, without installing anything.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT"
SIZES=${1:-${BENCH_SIZES:-10000,100000,200000}}

# shellcheck disable=SC2086
mvn -B -q ${MVN_ARGS:-} -pl platform/wire-store -am package -DskipTests
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
# shellcheck disable=SC2086
mvn -B -q ${MVN_ARGS:-} -pl platform/wire-store dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"

module=platform/wire-store/target
echo "sizes: $SIZES; JVM: ${BENCH_JAVA_OPTS:--Xmx1g}; $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)"
# shellcheck disable=SC2086
exec java ${BENCH_JAVA_OPTS:--Xmx1g} -Dbench.stores="${BENCH_STORES:-stock,wire}" -Dorg.slf4j.simpleLogger.log.de.bwaldvogel.mongo.backend=error \
  -cp "$module/classes:$module/test-classes:$(cat "$cp_file")" cn.govdata.wirestore.IndexBench "$SIZES"
