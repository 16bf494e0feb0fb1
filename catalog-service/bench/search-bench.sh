#!/usr/bin/env bash
# Catalog search benchmark: loads synthetic entries into the search index and prints build time,
# heap used and search latency percentiles. Not a test; see README.md next to this script.
#
#   catalog-service/bench/search-bench.sh [entries=100000] [queries-per-scenario=3000]
#
# Environment: BENCH_JAVA_OPTS (default "-Xms1g -Xmx1g -XX:+UseG1GC"), MVN_OPTS_EXTRA (e.g. "-o").
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
classpath_file="$root/catalog-service/target/bench-classpath.txt"

# Compiles main and test classes of catalog-service only; the platform modules come from ~/.m2.
mvn -B -q ${MVN_OPTS_EXTRA:-} -pl catalog-service -am install -DskipTests
mvn -B -q ${MVN_OPTS_EXTRA:-} -pl catalog-service test-compile
mvn -B -q ${MVN_OPTS_EXTRA:-} -pl catalog-service dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"

# A JVM of its own (not Maven's), so the heap figure is the index's and GC settings are explicit.
exec java ${BENCH_JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC} \
    -cp "$root/catalog-service/target/test-classes:$root/catalog-service/target/classes:$(cat "$classpath_file")" \
    cn.govdata.catalog.search.SearchBench "${1:-100000}" "${2:-3000}"
