#!/usr/bin/env bash
# Starts Careboard with a realistic demo data set and the live simulator: PostgreSQL and Redis
# (scripts/services.sh), then the packaged app in the demo profile (built first if needed). Prints
# the address and a viewer, an admin and an ingest token once the service is ready.
#
#   scripts/demo.sh [--fresh] [--consultations N] [--background]   start; Ctrl-C stops it
#   scripts/demo.sh stop                                            stop a demo started by this script
#   scripts/demo.sh status
#
# The first start generates the data set (50,000 consultations by default) into the database
# "careboard"; later starts keep it and the simulator carries on from it. --fresh replaces it with
# a new data set ending now. --background returns once the service is ready (log in
# $CAREBOARD_STATE_DIR/demo.log); `scripts/demo.sh stop` ends it.
#
# Environment: CAREBOARD_DEMO_PORT (8080), CAREBOARD_DEMO_HOST (127.0.0.1: the dev key that signs
# the demo tokens is public, so the demo listens on loopback only), and the variables of
# scripts/services.sh (CAREBOARD_PG_PORT, CAREBOARD_REDIS_PORT, CAREBOARD_STATE_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${CAREBOARD_DEMO_PORT:-8080}
HOST=${CAREBOARD_DEMO_HOST:-127.0.0.1}
STATE_DIR=${CAREBOARD_STATE_DIR:-/var/tmp/careboard}
PID_FILE=$STATE_DIR/demo.pid
LOG_FILE=$STATE_DIR/demo.log
TOKENS_FILE=$STATE_DIR/demo-tokens.env
READY_TIMEOUT=${CAREBOARD_DEMO_READY_TIMEOUT:-900}

log() { printf '[demo] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }
usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

# The pid of the running demo, if the pid file names a live Careboard process.
demo_pid() {
  [ -f "$PID_FILE" ] || return 0
  local pid
  pid=$(cat "$PID_FILE")
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'quarkus-run.jar'; then
    echo "$pid"
  fi
}

stop_demo() {
  local pid i
  pid=$(demo_pid)
  if [ -z "$pid" ]; then
    log "no demo is running"
    rm -f "$PID_FILE"
    return 0
  fi
  kill -TERM "$pid"
  for i in $(seq 1 200); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "Careboard (pid $pid) did not stop within 20 s; killing it"
    kill -KILL "$pid"
  fi
  rm -f "$PID_FILE"
  log "demo stopped"
}

wait_until_ready() {
  local pid=$1 deadline=$((SECONDS + READY_TIMEOUT))
  until curl -fsS -o /dev/null "http://$HOST:$PORT/q/health/ready" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || return 1
    [ $SECONDS -lt $deadline ] || { log "not ready after ${READY_TIMEOUT} s"; return 1; }
    sleep 0.5
  done
}

print_banner() {
  local base="http://$HOST:$PORT" viewer admin ingest
  viewer=$(scripts/token.sh analytics-viewer 12h demo-viewer)
  admin=$(scripts/token.sh analytics-admin 12h demo-admin)
  ingest=$(scripts/token.sh ingest 12h demo-ingest)
  umask 077
  cat >"$TOKENS_FILE" <<TOKENS
export CAREBOARD_URL=$base
export CAREBOARD_VIEWER_TOKEN=$viewer
export CAREBOARD_ADMIN_TOKEN=$admin
export CAREBOARD_INGEST_TOKEN=$ingest
TOKENS
  cat <<BANNER

================================================================================
 Careboard demo is running at $base
   dashboard  $base/
   API        $base/api/v1/analytics/overview?period=today
   OpenAPI    $base/q/openapi

 Tokens (12 h; also in $TOKENS_FILE, for "source"):
   viewer  $viewer

   admin   $admin

   ingest  $ingest

 Try:  source $TOKENS_FILE
       curl -H "Authorization: Bearer \$CAREBOARD_VIEWER_TOKEN" "$base/api/v1/analytics/overview?period=today"
 Stop: $1
================================================================================

BANNER
}

start_demo() {
  local fresh=false consultations="" background=false
  while [ $# -gt 0 ]; do
    case "$1" in
      --fresh) fresh=true; shift ;;
      --consultations) consultations=${2:?}; shift 2 ;;
      --background) background=true; shift ;;
      *) usage ;;
    esac
  done
  [ -z "$(demo_pid)" ] || die "a demo is already running (pid $(demo_pid)); scripts/demo.sh stop ends it"
  if ss -Hltn "sport = :$PORT" | grep -q .; then
    die "port $PORT is in use by another process; set CAREBOARD_DEMO_PORT"
  fi

  scripts/services.sh start
  local jar
  jar=$(scripts/app-jar.sh)

  local args=(-Dquarkus.profile=demo "-Dquarkus.http.port=$PORT" "-Dquarkus.http.host=$HOST")
  [ "$fresh" = true ] && args+=(-Dcareboard.demo.replace=true)
  [ -n "$consultations" ] && args+=("-Dcareboard.demo.consultations=$consultations")

  mkdir -p "$STATE_DIR"
  local pid
  if [ "$background" = true ]; then
    nohup java "${args[@]}" -jar "$jar" >"$LOG_FILE" 2>&1 &
    pid=$!
  else
    java "${args[@]}" -jar "$jar" &
    pid=$!
    # Ctrl-C reaches the script (a background job of a script ignores SIGINT): stop the app cleanly.
    trap 'echo >&2; stop_demo; exit 130' INT TERM
  fi
  echo "$pid" >"$PID_FILE"
  log "Careboard starting (pid $pid); the first start generates the demo data set, which takes a few seconds"

  if ! wait_until_ready "$pid"; then
    [ "$background" = true ] && tail -n 40 "$LOG_FILE" >&2
    stop_demo
    die "Careboard did not become ready"
  fi
  if [ "$background" = true ]; then
    print_banner "scripts/demo.sh stop"
  else
    print_banner "Ctrl-C (or scripts/demo.sh stop from another terminal)"
  fi
  if [ "$background" = true ]; then
    log "running in the background; log in $LOG_FILE"
    return 0
  fi
  local status=0
  wait "$pid" || status=$?
  rm -f "$PID_FILE"
  exit "$status"
}

case "${1:-start}" in
  start) shift || true; start_demo "$@" ;;
  --*) start_demo "$@" ;;
  stop) stop_demo ;;
  status)
    if [ -n "$(demo_pid)" ]; then echo "demo running (pid $(demo_pid)) at http://$HOST:$PORT"; else echo "demo stopped"; fi
    ;;
  *) usage ;;
esac
