# Shared by the benchmark scripts: start the packaged app against a database of the project's
# PostgreSQL, wait until it is ready, stop it. Source it; never run it.
# shellcheck shell=bash

BENCH_PORT=${BENCH_PORT:-18080}
BENCH_URL="http://127.0.0.1:$BENCH_PORT"
PG_PORT=${CAREBOARD_PG_PORT:-55432}
REDIS_PORT=${CAREBOARD_REDIS_PORT:-56379}

bench_psql() {
  PGPASSWORD=careboard psql -h 127.0.0.1 -p "$PG_PORT" -U careboard -d "$1" -qAt -c "$2"
}

# start_app DATABASE REDIS_DB [extra -D options...]: the packaged app in the prod profile with
# the development key, logging to bench/results/app.log.
start_app() {
  local database=$1 redis_db=$2
  shift 2
  mkdir -p bench/results
  local jar
  jar=$(scripts/app-jar.sh)
  java -Xms512m -Xmx2g \
    -Dquarkus.http.port="$BENCH_PORT" \
    "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:$PG_PORT/$database" \
    "-Dquarkus.redis.hosts=redis://127.0.0.1:$REDIS_PORT/$redis_db" \
    -Dmp.jwt.verify.publickey.location=config/dev-keys/public.pem \
    -Dmp.jwt.verify.issuer=careboard-dev \
    -Dquarkus.log.level=WARN \
    "$@" -jar "$jar" > bench/results/app.log 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 300); do
    if curl -fsS "$BENCH_URL/q/health/ready" > /dev/null 2>&1; then
      return 0
    fi
    kill -0 "$APP_PID" 2>/dev/null || { echo "the app exited; see bench/results/app.log" >&2; return 1; }
    sleep 0.2
  done
  echo "the app did not get ready; see bench/results/app.log" >&2
  return 1
}

stop_app() {
  if [ -n "${APP_PID:-}" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID"
    wait "$APP_PID" 2>/dev/null || true
  fi
}

# wait_for_rollups DATABASE ZONE...: until each zone's rollups are built up to yesterday and clean
# (list every zone the app builds, careboard.rollups.zones included, or a build runs during the
# measurement).
wait_for_rollups() {
  local database=$1
  shift
  local zone
  for zone in "$@"; do
    local ready=0
    for _ in $(seq 1 3000); do
      ready=$(bench_psql "$database" "select count(*) from rollup_state where zone = '$zone'
        and clean_until = built_until and clean_until = (now() at time zone '$zone')::date
        and not exists (select 1 from rollup_dirty_hours)")
      [ "$ready" = 1 ] && break
      sleep 1
    done
    [ "$ready" = 1 ] || { echo "rollups of $zone not ready" >&2; return 1; }
  done
}

# percentile P FILE: the P-th percentile (nearest rank) of the numbers in FILE, one per line.
percentile() {
  sort -n "$2" | awk -v p="$1" '{ v[NR] = $1 } END { i = int((p / 100) * NR + 0.999999); if (i < 1) i = 1; print v[i] }'
}
