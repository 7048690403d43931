#!/usr/bin/env bash
# Cached reads under load, in one run: GET /q/health/live (the bare baseline), a cached
# GET /analytics/overview, and its 304 revalidation, each with wrk (64 connections, 30 s, load
# generator on the same machine); then one client's sequential cached reads (median latency).
#
#   bench/cached-reads.sh --database DB [--duration 30s] [--connections 64] [--redis-db 15]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

database=
duration=30s
connections=64
redis_db=15
while [ $# -gt 0 ]; do
  case "$1" in
    --database) database=${2:?}; shift 2 ;;
    --duration) duration=${2:?}; shift 2 ;;
    --connections) connections=${2:?}; shift 2 ;;
    --redis-db) redis_db=${2:?}; shift 2 ;;
    *) sed -n '2,7p' "$0" >&2; exit 2 ;;
  esac
done
[ -n "$database" ] || { sed -n '2,7p' "$0" >&2; exit 2; }
command -v wrk > /dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

trap stop_app EXIT
start_app "$database" "$redis_db"
viewer=$(scripts/token.sh viewer 2h)
overview="$BENCH_URL/api/v1/analytics/overview?period=week"
etag=$(curl -fsS -D - -o /dev/null -H "Authorization: Bearer $viewer" "$overview" | awk 'tolower($1) == "etag:" { print $2 }' | tr -d '\r')
# Warm-up: JIT and connection pools.
wrk -t2 -c"$connections" -d10s -H "Authorization: Bearer $viewer" "$overview" > /dev/null

run() {
  local name=$1
  shift
  local out
  out=$(wrk -t2 -c"$connections" -d"$duration" --latency "$@")
  local rps p50 p99
  rps=$(awk '/^Requests\/sec/ { print $2 }' <<< "$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<< "$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<< "$out")
  echo "| $name | $rps | $p50 | $p99 |"
}

echo "| request | requests/s | p50 | p99 |"
echo "|---|---|---|---|"
run "GET /q/health/live" "$BENCH_URL/q/health/live"
run "GET /analytics/overview (cached)" -H "Authorization: Bearer $viewer" "$overview"
run "GET /analytics/overview, If-None-Match (304)" -H "Authorization: Bearer $viewer" -H "If-None-Match: $etag" "$overview"
sequential=$(wrk -t1 -c1 -d10s --latency -H "Authorization: Bearer $viewer" "$overview")
echo
echo "Sequential cached reads, one client: median $(awk '$1 == "50%" { print $2 }' <<< "$sequential"), $(awk '/^Requests\/sec/ { print $2 }' <<< "$sequential") requests/s"
