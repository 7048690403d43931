#!/usr/bin/env bash
# Runs one WebSocket fan-out scenario against the packaged app (target/quarkus-app, built with the
# ingestion API) on this machine's PostgreSQL and Redis; prints the figures docs/benchmarks.md quotes.
# The bench database (BENCH_DB) and Redis database (BENCH_REDIS_DB) are emptied first.
#
#   bench/ws-fanout/run.sh SCENARIO
#
# SCENARIO: single-1000 | two-1000 | single-10000 | idle-10000 | burst | burst-baseline
#           | compression-1000 | compression-idle-1000
# Environment: BENCH_DB (careboard_bench), BENCH_REDIS_DB (14), BENCH_PORT (18080), BENCH_HEAP (the
# JVM's default; k8s/base runs the app with a 384m heap: 50% of its 768Mi memory limit),
# BENCH_JVM (default: this JDK's ergonomics, G1 here; image: the heap and garbage-collector flags
# the container image's run-java.sh gives the app, see src/main/docker/Dockerfile.jvm),
# BENCH_WARMUP (5 latency rounds first, not counted), BENCH_BURST_WARMUP (10 s of the burst first,
# not counted), BENCH_CLIENT (native: Node's built-in WebSocket; ws: the ws package, installed here
# by npm ci), BENCH_CLIENT_SCHED (normal; idle: the burst's subscriber processes under SCHED_IDLE),
# BENCH_OPTS (more -D options for the app).
set -euo pipefail
cd "$(dirname "$0")/../.."

DB=${BENCH_DB:-careboard_bench}
REDIS_DB=${BENCH_REDIS_DB:-14}
PORT=${BENCH_PORT:-18080}
JAR=target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || { echo "build first: ./mvnw package -DskipTests" >&2; exit 2; }
PIDS=()
# What run-java.sh of ubi9/openjdk-17-runtime adds when nothing overrides it (GC_CONTAINER_OPTIONS
# and friends), with the heap k8s/base's memory limit gives.
IMAGE_JVM=(-XX:+UseParallelGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:GCTimeRatio=4
  -XX:AdaptiveSizePolicyWeight=90 -XX:+ExitOnOutOfMemoryError)
JVM=()
case ${BENCH_JVM:-default} in
  default) ;;
  image) BENCH_HEAP=${BENCH_HEAP:-384m} JVM=("${IMAGE_JVM[@]}") ;;
  *) echo "BENCH_JVM: default or image" >&2; exit 2 ;;
esac

start_app() { # name port [extra -D options]
  local name=$1 port=$2; shift 2
  java ${BENCH_HEAP:+-Xmx$BENCH_HEAP} ${JVM[@]+"${JVM[@]}"} -Dquarkus.http.port="$port" \
    -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:${CAREBOARD_PG_PORT:-55432}/$DB" \
    -Dquarkus.redis.hosts="redis://127.0.0.1:${CAREBOARD_REDIS_PORT:-56379}/$REDIS_DB" \
    -Dmp.jwt.verify.publickey.location=config/dev-keys/public.pem -Dmp.jwt.verify.issuer=careboard-dev \
    -Dquarkus.log.console.level=WARN -Dcareboard.cache.warm.cron=off ${BENCH_OPTS:-} "$@" \
    -jar "$JAR" > "target/bench-$name.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$port/q/health/ready" > /dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "$name did not start; see target/bench-$name.log" >&2
  return 1
}

stop_apps() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2> /dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2> /dev/null || true; done
  PIDS=()
}
trap stop_apps EXIT

# Heap after a full GC and RSS of a running app, in KiB.
memory() { # pid
  jcmd "$1" GC.run > /dev/null
  local heap
  heap=$(jcmd "$1" GC.heap_info | awk '/garbage-first heap|def new generation|tenured generation|PSYoungGen|ParOldGen/ {
    for (i = 1; i < NF; i++) if ($i == "used") {v = $(i + 1); sub(/K.*/, "", v); sum += v}} END {print sum}')
  echo "$heap $(awk '/VmRSS/ {print $2}' "/proc/$1/status")"
}

fanout() { node --experimental-websocket bench/ws-fanout/fanout.mjs "$@"; }
CLIENT=${BENCH_CLIENT:-native}
LATENCY=(--warmup "${BENCH_WARMUP:-5}" --client "$CLIENT")
if [ "$CLIENT" = ws ] && [ ! -d bench/ws-fanout/node_modules/ws ]; then
  npm ci --prefix bench/ws-fanout --no-audit --no-fund > /dev/null
fi

idle_memory() { # clients [extra -D options]
  local clients=$1; shift
  start_app idle "$PORT" "$@"
  local pid=${PIDS[0]}
  fanout --mode latency --clients 20 --rounds 3 --targets "ws://127.0.0.1:$PORT" --ingest "http://127.0.0.1:$PORT" > /dev/null
  read -r heap0 rss0 <<< "$(memory "$pid")"
  # node itself in the background (not the fanout function's subshell), so that kill reaches it.
  node --experimental-websocket bench/ws-fanout/fanout.mjs --mode idle --clients "$clients" \
    --procs $(( (clients + 4999) / 5000 )) --targets "ws://127.0.0.1:$PORT" --ingest "http://127.0.0.1:$PORT" \
    > target/bench-idle-client.log 2>&1 &
  local client=$!
  until grep -q 'IDLE READY' target/bench-idle-client.log; do sleep 1; done
  read -r heap1 rss1 <<< "$(memory "$pid")"
  grep 'subscribers ready' target/bench-idle-client.log
  echo "heap after GC: $heap0 KiB -> $heap1 KiB: $(( (heap1 - heap0) * 1024 / clients )) bytes per connection"
  echo "RSS:           $rss0 KiB -> $rss1 KiB: $(( (rss1 - rss0) * 1024 / clients )) bytes per connection"
  kill "$client"; wait "$client" || true
  # Until the app has seen every close (its connections gauge), or the figure below is taken too early.
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$PORT/q/metrics" | grep -Eq '^careboard_realtime_connections(\{[^}]*\})? 0' && break
    sleep 0.5
  done
  read -r heap2 rss2 <<< "$(memory "$pid")"
  echo "after the clients left: heap $heap2 KiB, RSS $rss2 KiB"
}

# 1,000 changes/s in bulk requests of 50 for BENCH_BURST_WARMUP s (not counted), then for 60 s;
# the access log gives the server-side time of each request as well.
burst() { # subscribers
  local warmup=${BENCH_BURST_WARMUP:-10} rate=1000 batch=50 access=target/bench-access
  rm -rf "$access" && mkdir -p "$access"
  start_app a "$PORT" -Dquarkus.http.record-request-start-time=true -Dquarkus.http.access-log.enabled=true \
    '-Dquarkus.http.access-log.pattern=%m|%U|%s|%D' -Dquarkus.http.access-log.log-to-file=true \
    -Dquarkus.http.access-log.log-directory="$access" -Dquarkus.http.access-log.base-file-name=access
  fanout --mode burst --clients "$1" --warmup "$warmup" --client "$CLIENT" --sched "${BENCH_CLIENT_SCHED:-normal}" \
    --rate $rate --duration 60 --batch $batch --targets "ws://127.0.0.1:$PORT" --ingest "http://127.0.0.1:$PORT"
  stop_apps # flushes the access log
  # In order of completion: the warm-up's requests come first, give or take a few.
  grep -h '^POST|/api/v1/ingest|' "$access"/access*.log | awk -F'|' -v skip=$((warmup * rate / batch)) 'NR > skip {print $4}' \
    | sort -n | awk '{ms[NR] = $1} END {printf "server-side, counted bulk ingests (access log): n=%d p50=%d ms p99=%d ms max=%d ms\n",
      NR, ms[int(NR * 0.5)], ms[int(NR * 0.99)], ms[NR]}'
}

# Every scenario starts from an empty read model and Redis database: a burst leaves 60,000
# consultations in "today", which every later round would recompute.
scripts/services.sh start > /dev/null 2>&1
PGPASSWORD=careboard psql -h 127.0.0.1 -p "${CAREBOARD_PG_PORT:-55432}" -U careboard -d postgres -qc \
  "drop database if exists $DB with (force)"
CAREBOARD_DATABASES="$DB" scripts/services.sh start > /dev/null 2>&1
redis-cli -p "${CAREBOARD_REDIS_PORT:-56379}" -n "$REDIS_DB" flushdb > /dev/null
export VIEWER_TOKEN=$(scripts/token.sh viewer 2h) INGEST_TOKEN=$(scripts/token.sh ingest 2h) ADMIN_TOKEN=$(scripts/token.sh admin 2h)
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1), node $(node --version), client $CLIENT, JVM ${BENCH_JVM:-default}${BENCH_HEAP:+, heap $BENCH_HEAP}"
case "${1:?scenario}" in
  single-1000)
    start_app a "$PORT"
    fanout --clients 1000 --rounds 100 "${LATENCY[@]}" --targets "ws://127.0.0.1:$PORT" \
      --ingest "http://127.0.0.1:$PORT" ;;
  two-1000)
    start_app a "$PORT"; start_app b $((PORT + 1))
    fanout --clients 1000 --rounds 100 "${LATENCY[@]}" --targets "ws://127.0.0.1:$PORT,ws://127.0.0.1:$((PORT + 1))" \
      --ingest "http://127.0.0.1:$PORT" ;;
  single-10000)
    start_app a "$PORT"
    fanout --clients 10000 --procs 2 --rounds 100 "${LATENCY[@]}" --pause 1000 --targets "ws://127.0.0.1:$PORT" \
      --ingest "http://127.0.0.1:$PORT" ;;
  idle-10000) idle_memory 10000 ;;
  compression-1000)
    start_app a "$PORT" -Dquarkus.websockets-next.server.per-message-compression-supported=true
    fanout --clients 1000 --rounds 100 "${LATENCY[@]}" --targets "ws://127.0.0.1:$PORT" --ingest "http://127.0.0.1:$PORT" ;;
  compression-idle-1000) idle_memory 1000 -Dquarkus.websockets-next.server.per-message-compression-supported=true ;;
  no-compression-idle-1000) idle_memory 1000 ;;
  burst) burst 1000 ;;
  burst-baseline) burst 1 ;;
  *) echo "unknown scenario $1" >&2; exit 2 ;;
esac
