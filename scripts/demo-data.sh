#!/usr/bin/env bash
# Generates the demo data set into a database of the project's PostgreSQL (scripts/services.sh),
# with the same SQL the demo runs at start (src/main/resources/demo/demo-data.sql): for benchmarks
# and for reproducible data sets. docs/demo-data.md describes the data.
#
#   scripts/demo-data.sh [--consultations N] [--seed S] [--database DB] [--anchor INSTANT]
#                        [--time-zone ZONE] [--replace]
#
# Defaults: 50000 consultations, seed 42, database careboard_bench, anchor now (an ISO-8601 instant
# such as 2026-11-26T14:05:00Z fixes it), time zone UTC. The database is created when missing and
# migrated by Flyway: the packaged app (built if needed) starts once, generates and exits. A
# database that holds data is refused unless --replace is given (which deletes that data).
set -euo pipefail
cd "$(dirname "$0")/.."

consultations=50000
seed=42
database=careboard_bench
anchor=
zone=UTC
replace=false
usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --consultations) consultations=${2:?}; shift 2 ;;
    --seed) seed=${2:?}; shift 2 ;;
    --database) database=${2:?}; shift 2 ;;
    --anchor) anchor=${2:?}; shift 2 ;;
    --time-zone) zone=${2:?}; shift 2 ;;
    --replace) replace=true; shift ;;
    *) usage ;;
  esac
done
[[ "$database" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "bad database name '$database'" >&2; exit 2; }

CAREBOARD_DATABASES="$database" scripts/services.sh start
jar=$(scripts/app-jar.sh)
pg_port=${CAREBOARD_PG_PORT:-55432}

args=(
  -Dquarkus.profile=demo
  -Dquarkus.http.port=0
  "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:$pg_port/$database"
  -Dquarkus.log.category.\"io.careboard.demo\".level=DEBUG
  -Dcareboard.demo.generate-on-start=true
  -Dcareboard.demo.exit-after-generation=true
  -Dcareboard.demo.simulator.enabled=false
  -Dquarkus.scheduler.enabled=false
  "-Dcareboard.demo.consultations=$consultations"
  "-Dcareboard.demo.seed=$seed"
  "-Dcareboard.demo.time-zone=$zone"
  "-Dcareboard.demo.replace=$replace"
)
[ -n "$anchor" ] && args+=("-Dcareboard.demo.anchor=$anchor")

started=$EPOCHREALTIME
status=0
java -Xmx512m "${args[@]}" -jar "$jar" || status=$?
elapsed=$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { print b - a }')
if [ "$status" = 2 ]; then
  echo "[demo-data] database $database holds data; --replace deletes it and generates anew" >&2
  exit 2
elif [ "$status" != 0 ]; then
  echo "[demo-data] generation failed (exit status $status)" >&2
  exit "$status"
fi
size=$(PGPASSWORD=careboard psql -h 127.0.0.1 -p "$pg_port" -U careboard -d "$database" -qAt \
  -c "select pg_size_pretty(pg_database_size(current_database()))")
printf '[demo-data] %s consultations (seed %s) in database %s: %.1f s with the JVM start, database size %s\n' \
  "$consultations" "$seed" "$database" "$elapsed" "$size" >&2
