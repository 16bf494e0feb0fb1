#!/usr/bin/env bash
# Exchange benchmark: the same closed-loop load (N keep-alive connections) straight at the simulated
# provider (WireMock, deploy/provider-sim, 20 ms fixed delay) and through the exchange (token check,
# grant check, Resilience4j-guarded provider call, masking, access record + DataAccessed event),
# then prints throughput, p50/p99, the throughput ratio and the added p99.
#
#   sharing-service/bench/exchange-bench.sh [--concurrency 32] [--duration 30] [--warmup 15]
#                                           [--govdata.exchange.access-log.mode=SYNC|ASYNC|GROUP_COMMIT]
#                                           [--govdata.exchange.grant-cache-ttl=0s] [--server.tomcat...=...]
#
# Anything starting with --govdata./--server./--spring./--management./--logging. goes to the sharing service. The
# service runs inside the benchmark JVM on a real port with an in-process Kafka broker; the wire
# store (platform/wire-store: H2 file, oplog on, as ./govdata runs it) and WireMock run as their own
# processes. Environment: BENCH_JAVA_OPTS (benchmark JVM), BENCH_WIREMOCK_OPTS (provider JVM),
# BENCH_STORE_OPTS (wire store JVM), BENCH_PROVIDER_PORT (default: a free port), BENCH_SKIP_BUILD=1.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SERVICE=$ROOT/sharing-service
WORK=$SERVICE/target/bench
WIREMOCK_VERSION=3.13.2
: "${BENCH_JAVA_OPTS:=-Xms768m -Xmx768m -XX:+UseG1GC}"
: "${BENCH_WIREMOCK_OPTS:=-Xmx256m}"
mkdir -p "$WORK"
cd "$ROOT"

say() { printf '[bench] %s\n' "$*"; }

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  say "compiling sharing-service and its tests"
  # Installing the platform modules first lets the module-only commands resolve them on a fresh clone.
  mvn -B -q -pl platform/wire-store,sharing-service -am install -DskipTests
  mvn -B -q -pl sharing-service test-compile
  mvn -B -q -pl sharing-service dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
fi
JAR=$WORK/wiremock-standalone-$WIREMOCK_VERSION.jar
if [ ! -f "$JAR" ]; then
  mvn -B -q dependency:copy -Dartifact=org.wiremock:wiremock-standalone:$WIREMOCK_VERSION -DoutputDirectory="$WORK" >/dev/null
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# The store: the local runner's wire store (mongo-java-server on an H2 file, oplog on) as its own process.
STORE_JAR=$ROOT/platform/wire-store/target/govdata-wire-store-0.1.0-SNAPSHOT.jar
if [ ! -f "$STORE_JAR" ] || [ ! -f "$WORK/wire-store-classpath.txt" ]; then
  mvn -B -q -pl platform/wire-store package -DskipTests
  mvn -B -q -pl platform/wire-store dependency:build-classpath -Dmdep.outputFile="$WORK/wire-store-classpath.txt" >/dev/null
fi
cp -f "$STORE_JAR" "$WORK/wire-store.jar"
rm -rf "$WORK/store"
STORE_PORT=$(free_port)
say "starting the wire store on port $STORE_PORT"
# shellcheck disable=SC2086
java ${BENCH_STORE_OPTS:--Xmx512m -XX:+UseSerialGC} -cp "$WORK/wire-store.jar:$(cat "$WORK/wire-store-classpath.txt")" \
     cn.govdata.wirestore.WireStore --file="$WORK/store/bench.mv.db" --port="$STORE_PORT" --host=127.0.0.1 \
     >"$WORK/wire-store.log" 2>&1 &
STORE_PID=$!

PORT=${BENCH_PROVIDER_PORT:-$(free_port)}
say "starting the simulated provider on port $PORT"
# No request journal (it would keep every request), no per-request logging, and enough threads
# that the provider is never the bottleneck of the direct run.
# shellcheck disable=SC2086
java $BENCH_WIREMOCK_OPTS -jar "$JAR" --port "$PORT" --bind-address 127.0.0.1 --root-dir "$ROOT/deploy/provider-sim" \
     --no-request-journal --disable-request-logging --disable-banner --container-threads 100 \
     >"$WORK/wiremock.log" 2>&1 &
WIREMOCK_PID=$!
trap 'kill $WIREMOCK_PID $STORE_PID 2>/dev/null || true; wait $WIREMOCK_PID $STORE_PID 2>/dev/null || true' EXIT
for port in "$PORT" "$STORE_PORT"; do
  for _ in $(seq 1 60); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.5
  done
done

# Private copies of the platform's snapshot jars: other builds re-install them in ~/.m2 while this runs.
mkdir -p "$WORK/lib"
CLASSPATH_JARS=""
IFS=: read -r -a JARS <"$WORK/classpath.txt" || true
for jar in "${JARS[@]}"; do
  case $jar in
    */cn/govdata/*) cp -f "$jar" "$WORK/lib/"; jar=$WORK/lib/$(basename "$jar") ;;
  esac
  CLASSPATH_JARS=$CLASSPATH_JARS:$jar
done

say "running (this takes about 4 x warm-up + 3 x duration seconds plus start-up)"
# shellcheck disable=SC2086
java $BENCH_JAVA_OPTS -cp "$SERVICE/target/test-classes:$SERVICE/target/classes$CLASSPATH_JARS" \
     cn.govdata.sharing.exchange.ExchangeBenchmark --provider "http://127.0.0.1:$PORT" \
     --sim-dir "$ROOT/deploy/provider-sim" --provider-pid "$WIREMOCK_PID" --mongo "mongodb://127.0.0.1:$STORE_PORT" \
     --store-pid "$STORE_PID" --log "$WORK/service.log" "$@"
