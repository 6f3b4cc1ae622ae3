#!/usr/bin/env bash
# A throwaway MariaDB with a ROW-format binlog on 127.0.0.1, an admin user and a replication user.
#   tests/servers/mariadb.sh start DIR   then  . DIR/env   (exports CLTEST_MARIADB, CLTEST_MARIADB_REPLICATION)
#   tests/servers/mariadb.sh stop DIR
#   tests/servers/mariadb.sh restart DIR   stops and starts the same server on the same port and data
set -euo pipefail
. "$(dirname "$0")/lib.sh"
command=${1:?start|stop|restart}; dir=${2:?state folder}
server=$(command -v mariadbd || echo /usr/sbin/mariadbd)
user_option=(); if [ "$(id -u)" -eq 0 ]; then user_option=(--user=mysql); fi

# run_server PORT: starts mariadbd on the folder's data and waits until it answers.
run_server() {
  local port=$1
  "$server" --no-defaults "${user_option[@]}" --datadir="$dir/data" --socket="$dir/mysqld.sock" \
    --pid-file="$dir/mysqld.pid" --log-error="$dir/error.log" --bind-address=127.0.0.1 --port="$port" \
    --skip-name-resolve --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
    --log-bin="$dir/data/mysql-bin" --server-id=1 --binlog-format=ROW --binlog-row-image=FULL \
    --innodb-buffer-pool-size=64M --max-connections=300 >>"$dir/stdout.log" 2>&1 &
  echo $! >"$dir/server.pid"
  echo "$port" >"$dir/port"
  wait_until 60 "$(cat "$dir/server.pid")" MariaDB mariadb-admin --no-defaults --socket="$dir/mysqld.sock" -uroot ping \
    || { cat "$dir/error.log" >&2; exit 1; }
}

case $command in
start)
  [ -x "$server" ] || die "MariaDB server not found (apt-get install mariadb-server)"
  mkdir -p "$dir"; own_by mysql "$dir"
  port=$(free_port "${CLTEST_MARIADB_PORT:-33306}")
  mariadb-install-db --no-defaults "${user_option[@]}" --datadir="$dir/data" \
    --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1 \
    || { cat "$dir/install.log" >&2; die "mariadb-install-db failed"; }
  run_server "$port"
  mariadb --no-defaults --socket="$dir/mysqld.sock" -uroot <<'SQL'
CREATE USER 'cltest'@'127.0.0.1' IDENTIFIED BY 'cltest';
GRANT ALL PRIVILEGES ON *.* TO 'cltest'@'127.0.0.1' WITH GRANT OPTION;
CREATE USER 'clrepl'@'127.0.0.1' IDENTIFIED BY 'clrepl';
GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'clrepl'@'127.0.0.1';
SQL
  cat >"$dir/env" <<ENV
export CLTEST_MARIADB='Server=127.0.0.1;Port=$port;User ID=cltest;Password=cltest'
export CLTEST_MARIADB_REPLICATION='Server=127.0.0.1;Port=$port;User ID=clrepl;Password=clrepl'
ENV
  log "MariaDB on 127.0.0.1:$port (binlog ROW)"
  ;;
stop)
  stop_pid "$dir/server.pid"
  ;;
restart)
  [ -f "$dir/port" ] || die "no server was started in $dir"
  stop_pid "$dir/server.pid"
  run_server "$(cat "$dir/port")"
  log "MariaDB restarted on 127.0.0.1:$(cat "$dir/port")"
  ;;
*) die "usage: $0 start|stop|restart DIR" ;;
esac
