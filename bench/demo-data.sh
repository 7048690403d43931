#!/usr/bin/env bash
# Times the demo data generator step by step: wall-clock seconds and the CPU seconds of the
# PostgreSQL backend that runs it (from /proc, so a figure that does not depend on what else the
# machine runs). Median of the runs; figures go to docs/benchmarks.md ("Demo data generator").
#
#   bench/demo-data.sh [--consultations N] [--runs R] [--database DB]
#
# Defaults: 1000000 consultations, 3 runs, database careboard_bench_demo. The database is created
# and migrated first (scripts/demo-data.sh, 100 consultations); each run then replaces its data
# through psql with the very SQL the app runs (src/main/resources/demo/demo-data.sql), in one
# transaction, then VACUUM ANALYZE, with seed 42 and anchor 2026-11-26T14:05:00Z. Parallel index
# build workers are separate processes: their CPU is not in the backend's figure.
set -euo pipefail
cd "$(dirname "$0")/.."

consultations=1000000
runs=3
database=careboard_bench_demo
while [ $# -gt 0 ]; do
  case "$1" in
    --consultations) consultations=${2:?}; shift 2 ;;
    --runs) runs=${2:?}; shift 2 ;;
    --database) database=${2:?}; shift 2 ;;
    *) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done

pg_port=${CAREBOARD_PG_PORT:-55432}
scripts/demo-data.sh --consultations 100 --database "$database" --replace >/dev/null 2>&1 \
  || { echo "could not create and migrate $database (run scripts/demo-data.sh to see why)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The script with a probe after every step: "<step> <backend CPU s> <wall s>" on stdout.
probe='\! awk -v n="%s" -v w="$(date +%%s.%%N)" '\''{ print n "\\t" ($14 + $15) / 100 "\\t" w }'\'' /proc/$BACKEND_PID/stat'
{
  echo 'select pg_backend_pid() as pid \gset'
  echo '\setenv BACKEND_PID :pid'
  printf "$probe\n" start
  echo 'begin;'
  previous=
  while IFS= read -r line; do
    if [[ "$line" =~ ^--\ @step\ (.+)$ ]]; then
      [ -n "$previous" ] && printf "$probe\n" "$previous"
      previous=${BASH_REMATCH[1]% after-commit}
      [[ "$line" == *after-commit ]] && echo 'commit;'
    fi
    echo "$line"
  done < src/main/resources/demo/demo-data.sql
  printf "$probe\n" "$previous"
} > "$work/timed.sql"

for run in $(seq 1 "$runs"); do
  PGPASSWORD=careboard PGOPTIONS="-c careboard_demo.seed=42 -c careboard_demo.consultations=$consultations \
-c careboard_demo.anchor=2026-11-26T14:05:00Z -c careboard_demo.time_zone=UTC -c careboard_demo.replace=true" \
    psql -h 127.0.0.1 -p "$pg_port" -U careboard -d "$database" -v ON_ERROR_STOP=1 -qAt -f "$work/timed.sql" \
    | grep $'\t' > "$work/run-$run.tsv"
  printf 'run %d (load average %s):\n' "$run" "$(cut -d' ' -f1-3 /proc/loadavg)"
  awk -F'\t' 'NR > 1 { printf "  %-50s %7.1f s wall %7.1f s CPU\n", $1, $3 - wall, $2 - cpu }
              { cpu = $2; wall = $3 } NR == 1 { cpu0 = $2; wall0 = $3 }
              END { printf "  %-50s %7.1f s wall %7.1f s CPU\n", "total", wall - wall0, cpu - cpu0 }' \
    "$work/run-$run.tsv" | tee "$work/report-$run.txt"
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
wall=$(for r in "$work"/report-*.txt; do awk '/ total / { print $2 }' "$r"; done | median)
cpu=$(for r in "$work"/report-*.txt; do awk '/ total / { print $5 }' "$r"; done | median)
size=$(PGPASSWORD=careboard psql -h 127.0.0.1 -p "$pg_port" -U careboard -d "$database" -qAt \
  -c "select pg_size_pretty(pg_database_size(current_database()))")
printf '%s consultations, %d runs: median %s s wall, %s s backend CPU; database size %s\n' \
  "$consultations" "$runs" "$wall" "$cpu" "$size"
