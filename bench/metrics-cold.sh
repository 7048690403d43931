#!/usr/bin/env bash
# Cold computation of every metric family: for each endpoint and period, drop the caches
# (POST /refresh) and time one GET, N times; prints p50 and p95 in ms as a markdown table.
#
#   bench/metrics-cold.sh --database DB [--zone Europe/Berlin] [--rounds 20] [--redis-db 14]
#
# DB must hold data (scripts/demo-data.sh --consultations 1000000 --database DB). The packaged app
# is started against it, with rollups for the zone, and the run waits until they are built.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

database=
zone=Europe/Berlin
rounds=20
redis_db=14
while [ $# -gt 0 ]; do
  case "$1" in
    --database) database=${2:?}; shift 2 ;;
    --zone) zone=${2:?}; shift 2 ;;
    --rounds) rounds=${2:?}; shift 2 ;;
    --redis-db) redis_db=${2:?}; shift 2 ;;
    *) sed -n '2,9p' "$0" >&2; exit 2 ;;
  esac
done
[ -n "$database" ] || { sed -n '2,9p' "$0" >&2; exit 2; }

trap stop_app EXIT
start_app "$database" "$redis_db" "-Dcareboard.metrics.default-timezone=$zone" -Dcareboard.rollups.refresh-interval=2s
wait_for_rollups "$database" "$zone" UTC
admin=$(scripts/token.sh admin 2h)
viewer=$(scripts/token.sh viewer 2h)
tz=$(printf '%s' "$zone" | sed 's|/|%2F|g')
today=$(TZ=$zone date +%F)
year_ago=$(TZ=$zone date -d "$today - 364 days" +%F)

time_one() {
  curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $admin" "$BENCH_URL/api/v1/analytics/refresh"
  curl -fsS -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $viewer" "$BENCH_URL$1" \
    | awk '{ printf "%.1f\n", $1 * 1000 }'
}

echo "| endpoint | period | p50 ms | p95 ms |"
echo "|---|---|---|---|"
samples=$(mktemp)
for family in consultations doctors revenue health-trends overview; do
  for period in today week month year; do
    : > "$samples"
    for _ in $(seq 1 "$rounds"); do
      time_one "/api/v1/analytics/$family?period=$period&tz=$tz" >> "$samples"
    done
    echo "| /$family | $period | $(percentile 50 "$samples") | $(percentile 95 "$samples") |"
  done
done
for granularity in day week month; do
  : > "$samples"
  for _ in $(seq 1 "$rounds"); do
    time_one "/api/v1/analytics/range?from=$year_ago&to=$today&granularity=$granularity&tz=$tz" >> "$samples"
  done
  echo "| /range 365 days | $granularity | $(percentile 50 "$samples") | $(percentile 95 "$samples") |"
done
rm -f "$samples"
