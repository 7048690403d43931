#!/usr/bin/env bash
# Starts, stops and reports the PostgreSQL 15 and Redis 7 servers that Careboard's demo and
# tests use: Debian packages, loopback only, ports and data of the project's own, so a system
# cluster or another project's servers are never touched.
#
#   scripts/services.sh start|stop|status|env
#
# Environment (all optional):
#   CAREBOARD_PG_PORT     PostgreSQL port (55432)
#   CAREBOARD_REDIS_PORT  Redis port (56379)
#   CAREBOARD_STATE_DIR   where data, pid files and logs live (/var/tmp/careboard)
#   CAREBOARD_DATABASES   databases to create ("careboard careboard_test")
set -euo pipefail

PG_PORT=${CAREBOARD_PG_PORT:-55432}
REDIS_PORT=${CAREBOARD_REDIS_PORT:-56379}
STATE_DIR=${CAREBOARD_STATE_DIR:-/var/tmp/careboard}
DATABASES=${CAREBOARD_DATABASES:-careboard careboard_test}
PG_DATA=$STATE_DIR/pg-$PG_PORT
PG_LOG=$PG_DATA/server.log
REDIS_DIR=$STATE_DIR/redis-$REDIS_PORT
REDIS_PID=$REDIS_DIR/redis.pid
REDIS_LOG=$STATE_DIR/redis-$REDIS_PORT.log
DB_USER=careboard
DB_PASSWORD=careboard

log() { printf '[services] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] && { echo "$dir"; return; }
  done
  return 1
}

install_packages() {
  local missing=()
  pg_bin >/dev/null || missing+=(postgresql postgresql-contrib)
  command -v redis-server >/dev/null || missing+=(redis-server)
  [ ${#missing[@]} -eq 0 ] && return
  [ "$(id -u)" = 0 ] || die "missing ${missing[*]}; install them as root (apt-get install ${missing[*]})"
  log "installing ${missing[*]} from Debian packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The pid listening on a TCP port of 127.0.0.1, or nothing.
port_owner() {
  local hex_port inode
  hex_port=$(printf '%04X' "$1")
  inode=$(awk -v p=":$hex_port" '$4 == "0A" && $2 ~ p"$" { print $10; exit }' /proc/net/tcp /proc/net/tcp6 2>/dev/null)
  [ -n "$inode" ] || return 0
  for fd in /proc/[0-9]*/fd/*; do
    if [ "$(readlink "$fd" 2>/dev/null)" = "socket:[$inode]" ]; then
      echo "$fd" | cut -d/ -f3
      return 0
    fi
  done
  echo unknown
}

pg_running_pid() {
  [ -f "$PG_DATA/postmaster.pid" ] || return 0
  local pid
  pid=$(head -1 "$PG_DATA/postmaster.pid")
  kill -0 "$pid" 2>/dev/null && echo "$pid" || true
}

redis_running_pid() {
  [ -f "$REDIS_PID" ] || return 0
  local pid
  pid=$(cat "$REDIS_PID")
  kill -0 "$pid" 2>/dev/null && echo "$pid" || true
}

# Refuses a port held by a process that is not ours.
check_port_free() {
  local port=$1 ours=$2 owner
  owner=$(port_owner "$port")
  if [ -n "$owner" ] && [ "$owner" != "$ours" ]; then
    die "port $port is held by another process (pid $owner); set CAREBOARD_PG_PORT / CAREBOARD_REDIS_PORT"
  fi
}

start_postgres() {
  local bin pid
  bin=$(pg_bin)
  pid=$(pg_running_pid)
  if [ -n "$pid" ]; then
    log "PostgreSQL already running on 127.0.0.1:$PG_PORT (pid $pid)"
  else
    check_port_free "$PG_PORT" ""
    if [ ! -f "$PG_DATA/PG_VERSION" ]; then
      log "initialising PostgreSQL data in $PG_DATA"
      rm -rf "$PG_DATA"
      mkdir -p "$PG_DATA"
      chown postgres:postgres "$PG_DATA" 2>/dev/null || true
      local pwfile
      pwfile=$(mktemp)
      echo "$DB_PASSWORD" >"$pwfile"
      chmod 644 "$pwfile"
      as_postgres "$bin/initdb" -D "$PG_DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 >/dev/null
      rm -f "$pwfile"
    fi
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    # Durability settings are off: this server holds demo and test data only.
    as_postgres "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start -o "\
      -c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$PG_DATA \
      -c max_connections=200 -c shared_buffers=1GB -c work_mem=64MB -c maintenance_work_mem=512MB \
      -c effective_cache_size=8GB -c random_page_cost=1.1 -c jit=off \
      -c max_parallel_workers_per_gather=2 -c max_wal_size=4GB \
      -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
      -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all" >/dev/null
  fi
  local psql=("$bin/psql" -h "$PG_DATA" -p "$PG_PORT" -U postgres -d postgres -qAt -v ON_ERROR_STOP=1)
  if [ "$(as_postgres "${psql[@]}" -c "select 1 from pg_roles where rolname = '$DB_USER'")" != 1 ]; then
    as_postgres "${psql[@]}" -c "create role $DB_USER login superuser password '$DB_PASSWORD'"
  fi
  local db
  for db in $DATABASES; do
    if [ "$(as_postgres "${psql[@]}" -c "select 1 from pg_database where datname = '$db'")" != 1 ]; then
      as_postgres "${psql[@]}" -c "create database $db owner $DB_USER"
    fi
  done
}

start_redis() {
  local pid
  pid=$(redis_running_pid)
  if [ -n "$pid" ]; then
    log "Redis already running on 127.0.0.1:$REDIS_PORT (pid $pid)"
    return
  fi
  check_port_free "$REDIS_PORT" ""
  mkdir -p "$REDIS_DIR"
  log "starting Redis on 127.0.0.1:$REDIS_PORT"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --pidfile "$REDIS_PID" \
    --logfile "$REDIS_LOG" --dir "$REDIS_DIR" --save '' --appendonly no --protected-mode yes \
    --maxclients 10000
  local i
  for i in $(seq 1 50); do
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && return
    sleep 0.1
  done
  die "Redis did not answer on port $REDIS_PORT; see $REDIS_LOG"
}

stop_postgres() {
  local pid
  pid=$(pg_running_pid)
  [ -n "$pid" ] || { log "PostgreSQL on port $PG_PORT is not running"; return; }
  as_postgres "$(pg_bin)/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
  log "PostgreSQL on port $PG_PORT stopped"
}

stop_redis() {
  local pid
  pid=$(redis_running_pid)
  [ -n "$pid" ] || { log "Redis on port $REDIS_PORT is not running"; return; }
  kill "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  log "Redis on port $REDIS_PORT stopped"
}

print_env() {
  cat <<ENV
export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/careboard
export QUARKUS_DATASOURCE_USERNAME=$DB_USER
export QUARKUS_DATASOURCE_PASSWORD=$DB_PASSWORD
export QUARKUS_REDIS_HOSTS=redis://127.0.0.1:$REDIS_PORT
ENV
}

mkdir -p "$STATE_DIR"
chmod 755 "$STATE_DIR"
case "${1:-}" in
  start)
    install_packages
    start_postgres
    start_redis
    ;;
  stop)
    stop_postgres
    stop_redis
    ;;
  status)
    describe() { if [ -n "$2" ]; then echo "$1 running (pid $2)"; else echo "$1 stopped"; fi; }
    describe "postgresql 127.0.0.1:$PG_PORT" "$(pg_running_pid)"
    describe "redis 127.0.0.1:$REDIS_PORT" "$(redis_running_pid)"
    ;;
  env)
    print_env
    ;;
  *)
    echo "usage: $0 start|stop|status|env" >&2
    exit 2
    ;;
esac
