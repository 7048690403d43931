#!/usr/bin/env bash
# Times, with psql, the SQL statements one cold computation of the doctors, revenue, range,
# health-trend and overview families runs (io.careboard.bench.MetricStatements writes them with
# their parameters), on a database of the project's PostgreSQL (scripts/services.sh), e.g. one
# filled by scripts/demo-data.sh and with rollups built. docs/benchmarks.md has the figures.
#
#   scripts/bench-metric-sql.sh --database DB --now INSTANT [--zone ZONE] [--rollup-zones Z1,Z2]
#                               [--runs N] [--only REGEX] [--explain]
#
# Defaults: zone Europe/Berlin, rollup zones "" (the rollups off: every day read raw), 5 runs.
# Prints, per statement: the median and the slowest run in ms, and the load average before it.
# --explain prints EXPLAIN (ANALYZE, BUFFERS) of each statement instead.
set -euo pipefail
cd "$(dirname "$0")/.."

database= now= zone=Europe/Berlin rollup_zones= runs=5 only=. explain=false
usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --database) database=${2:?}; shift 2 ;;
    --now) now=${2:?}; shift 2 ;;
    --zone) zone=${2:?}; shift 2 ;;
    --rollup-zones) rollup_zones=${2?}; shift 2 ;;
    --runs) runs=${2:?}; shift 2 ;;
    --only) only=${2:?}; shift 2 ;;
    --explain) explain=true; shift ;;
    *) usage ;;
  esac
done
[ -n "$database" ] && [ -n "$now" ] || usage

./mvnw -q -B test-compile
classpath_file=$(mktemp)
out=$(mktemp -d)
trap 'rm -rf "$classpath_file" "$out"' EXIT
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test "-Dmdep.outputFile=$classpath_file" >/dev/null
java -cp "target/classes:target/test-classes:$(cat "$classpath_file")" io.careboard.bench.MetricStatements \
  "$out" "$now" "$zone" "$rollup_zones"

psql=(psql -h 127.0.0.1 -p "${CAREBOARD_PG_PORT:-55432}" -U careboard -d "$database" -X -q -v ON_ERROR_STOP=1)
export PGPASSWORD=careboard
printf '%-26s %9s %9s  %s\n' statement median_ms max_ms loadavg
for file in "$out"/*.sql; do
  name=$(basename "$file" .sql)
  [[ "$name" =~ $only ]] || continue
  if $explain; then
    echo "== $name"
    { printf 'explain (analyze, buffers) '; cat "$file"; } | "${psql[@]}" -f -
    continue
  fi
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  # One session, the statement run N times; \timing reports the client-side elapsed time.
  times=$({ echo '\timing on'; for _ in $(seq "$runs"); do cat "$file"; done; } \
    | "${psql[@]}" -o /dev/null -f - | awk '/^Time:/ { print $2 }')
  median=$(sort -n <<<"$times" \
    | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  printf '%-26s %9s %9s  %s\n' "$name" "$median" "$(sort -n <<<"$times" | tail -1)" "$load"
done
