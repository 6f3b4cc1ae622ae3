#!/usr/bin/env bash
# A throwaway PostgreSQL with logical replication on 127.0.0.1.
#   tests/servers/postgres.sh start DIR   then  . DIR/env   (exports CLTEST_POSTGRES)
#   tests/servers/postgres.sh stop DIR
#   tests/servers/postgres.sh restart DIR   stops and starts again on the same port and data
# CLTEST_POSTGRES_OPTIONS adds server options after ours (later -c wins), e.g. "-c wal_level=replica".
set -euo pipefail
. "$(dirname "$0")/lib.sh"
command=${1:?start|stop|restart}; dir=${2:?state folder}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# pg_start PORT: starts the server of $dir/data on PORT with the options it was first started with.
pg_start() {
  as_user postgres "$(pg_bin)/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o \
    "-c listen_addresses=127.0.0.1 -c port=$1 -c unix_socket_directories=$dir -c max_connections=300 \
     -c wal_level=logical -c max_replication_slots=64 -c max_wal_senders=64 \
     -c fsync=off -c synchronous_commit=off -c full_page_writes=off $(cat "$dir/options" 2>/dev/null)" >/dev/null \
    || { cat "$dir/server.log" >&2; die "PostgreSQL did not start"; }
}

pg_stop() {
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_user postgres "$(pg_bin)/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 \
      || as_user postgres "$(pg_bin)/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
}

case $command in
start)
  bin=$(pg_bin)
  [ -x "$bin/initdb" ] || die "PostgreSQL server binaries not found (apt-get install postgresql)"
  mkdir -p "$dir"; own_by postgres "$dir"
  port=$(free_port "${CLTEST_POSTGRES_PORT:-55432}")
  as_user postgres "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  echo "${CLTEST_POSTGRES_OPTIONS:-}" >"$dir/options"; echo "$port" >"$dir/port"; own_by postgres "$dir"
  pg_start "$port"
  echo "export CLTEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres'" >"$dir/env"
  log "PostgreSQL on 127.0.0.1:$port (wal_level=logical)"
  ;;
stop)
  pg_stop
  ;;
restart)
  [ -f "$dir/port" ] || die "no server was started in $dir"
  pg_stop
  pg_start "$(cat "$dir/port")"
  log "PostgreSQL restarted on 127.0.0.1:$(cat "$dir/port")"
  ;;
*) die "usage: $0 start|stop|restart DIR" ;;
esac
