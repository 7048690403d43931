#!/usr/bin/env bash
# Ingestion benchmark (docs/benchmarks.md, section "Ingestion"), against the packaged JVM app:
#   1. startup time (process start to /q/health/ready answering UP) and idle RSS;
#   2. bulk ingestion with 10,000-item batches (bench/IngestBench.java): median entities/s of
#      batches that create entities, then of batches that update them, and the app's CPU time;
#   3. single PUT latency p50/p99 with 32 concurrent clients (wrk + bench/put-consultation.lua);
#   4. RSS after the benchmark.
# It creates (drops first) its own database and uses its own Redis index; it stops the app it
# started, and nothing else.
#
#   bench/ingest-bench.sh            # builds first (./mvnw -B package -DskipTests)
#   BENCH_SKIP_BUILD=1 bench/ingest-bench.sh
#
# Environment: BENCH_PORT (18181), BENCH_DB (careboard_bench_ingest), BENCH_REDIS_DB (5),
# BENCH_BATCHES (10, after 2 warm-up batches), BENCH_DURATION (wrk, 30s), CAREBOARD_PG_PORT,
# CAREBOARD_REDIS_PORT.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-18181}
DB=${BENCH_DB:-careboard_bench_ingest}
REDIS_DB=${BENCH_REDIS_DB:-5}
BATCHES=${BENCH_BATCHES:-10}
DURATION=${BENCH_DURATION:-30s}
PG_PORT=${CAREBOARD_PG_PORT:-55432}
REDIS_PORT=${CAREBOARD_REDIS_PORT:-56379}
LOG=target/ingest-bench-app.log

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
[ "${BENCH_SKIP_BUILD:-}" = 1 ] || ./mvnw -B -q package -DskipTests
CAREBOARD_DATABASES="$DB" scripts/services.sh start
PGPASSWORD=careboard psql -h 127.0.0.1 -p "$PG_PORT" -U careboard -d postgres -qAt \
  -c "drop database if exists $DB" -c "create database $DB owner careboard"

rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
# CPU seconds (user + system) of the processes given as arguments.
cpu_seconds() {
  local pid total=0
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] && total=$(( total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat") ))
  done
  awk -v t="$total" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz }'
}
# The PostgreSQL backends serving the bench database (the app's pool).
pg_backends() {
  PGPASSWORD=careboard psql -h 127.0.0.1 -p "$PG_PORT" -U careboard -d postgres -qAt \
    -c "select pid from pg_stat_activity where datname = '$DB'"
}

start_ms=$(date +%s%3N)
java -Dmp.jwt.verify.publickey.location=config/dev-keys/public.pem -Dmp.jwt.verify.issuer=careboard-dev \
  -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:$PG_PORT/$DB" \
  -Dquarkus.redis.hosts="redis://127.0.0.1:$REDIS_PORT/$REDIS_DB" -Dquarkus.http.port="$PORT" \
  -jar target/quarkus-app/quarkus-run.jar >"$LOG" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null; wait "$app" 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null; do
  kill -0 "$app" 2>/dev/null || { echo "the app died; see $LOG" >&2; exit 1; }
  sleep 0.05
done
ready_ms=$(( $(date +%s%3N) - start_ms ))
sleep 10
idle_rss=$(rss_mb "$app")

token=$(scripts/token.sh ingest 2h)
# The pool keeps its connections, so the backends alive at the end served the whole bulk phase;
# their CPU before it is what they spent at startup (migration, health checks).
app_cpu_before=$(cpu_seconds "$app")
mapfile -t backends_before < <(pg_backends)
pg_cpu_before=$(cpu_seconds "${backends_before[@]}")
bulk=$(java bench/IngestBench.java "http://127.0.0.1:$PORT" "$token" "$BATCHES" 10000)
mapfile -t backends < <(pg_backends)
app_cpu=$(awk -v a="$app_cpu_before" -v b="$(cpu_seconds "$app")" 'BEGIN { printf "%.1f", b - a }')
pg_cpu=$(awk -v a="$pg_cpu_before" -v b="$(cpu_seconds "${backends[@]}")" 'BEGIN { printf "%.1f", b - a }')
bulk_entities=$(( (BATCHES + 2) * 2 * 10000 ))

wrk_out=$(wrk -t2 -c32 -d"$DURATION" --latency -s bench/put-consultation.lua "http://127.0.0.1:$PORT" \
  -- "$token" "$(date +%s)")
after_rss=$(rss_mb "$app")

echo "## Ingestion benchmark $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine: $(nproc) cores, $(. /etc/os-release; echo "$PRETTY_NAME"), $(java -version 2>&1 | head -1)"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "startup: $(grep -o 'started in [0-9.]*s' "$LOG" | head -1) (Quarkus); ${ready_ms} ms from exec to ready"
echo "RSS idle: ${idle_rss} MB; after the benchmark: ${after_rss} MB"
echo "$bulk"
echo "CPU during the bulk phase (${bulk_entities} entities, warm-up included): app ${app_cpu} s, PostgreSQL ${pg_cpu} s;" \
  "$(awk -v n="$bulk_entities" -v a="$app_cpu" -v p="$pg_cpu" 'BEGIN { printf "%.0f entities per CPU-second of both", n / (a + p) }')"
echo "single PUT /consultations/{id}, 32 connections, 2 wrk threads, $DURATION:"
echo "$wrk_out" | grep -E "Latency|50%|99%|Requests/sec|requests in|Non-2xx|Socket errors"
