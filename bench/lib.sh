# Shared by bench/*.sh; sourced, never run on its own. Sets root, rows (ROWS, default 5 million) and
# a scratch folder removed at exit, and gives every contender the same stopwatch.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/tests/servers/lib.sh"
rows=${ROWS:-5000000}
work=$(mktemp -d -t continuousload-bench.XXXXXX)
chmod 755 "$work"
started_postgres=false
started_azurite=false
at_exit=()
bench_cleanup() {
  local i
  # Last registered, first undone: a database is dropped before the server it lives on stops.
  for ((i = ${#at_exit[@]} - 1; i >= 0; i--)); do eval "${at_exit[i]}" || true; done
  if [ "$started_postgres" = true ]; then "$root/tests/servers/postgres.sh" stop "$work/postgres" || true; fi
  if [ "$started_azurite" = true ]; then "$root/tests/servers/azurite.sh" stop "$work/azurite" || true; fi
  rm -rf "$work"
}
trap bench_cleanup EXIT

# measure COMMAND...: prints "seconds peak_rss_kb" (from /usr/bin/time); the output stays in $work/out.
measure() { /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>&1 || { cat "$work/out" >&2; exit 1; }; cat "$work/time"; }

# use_postgres: the PostgreSQL of CLTEST_POSTGRES, or one started for the run; sets psql_cmd.
use_postgres() {
  if [ -z "${CLTEST_POSTGRES:-}" ]; then
    "$root/tests/servers/postgres.sh" start "$work/postgres"
    started_postgres=true
    . "$work/postgres/env"
  fi
  psql_cmd=(psql -X -q -v ON_ERROR_STOP=1 -h "$(conn_value "$CLTEST_POSTGRES" host)" -p "$(conn_value "$CLTEST_POSTGRES" port)"
    -U "$(conn_value "$CLTEST_POSTGRES" username)" -d postgres)
}

# use_mariadb: the MariaDB of CLTEST_MARIADB, or one started for the run; sets my_host, my_port, my_user,
# my_password (exported as MYSQL_PWD) and mariadb_cmd.
use_mariadb() {
  if [ -z "${CLTEST_MARIADB:-}" ]; then
    "$root/tests/servers/mariadb.sh" start "$work/mariadb"
    at_exit+=("'$root/tests/servers/mariadb.sh' stop '$work/mariadb'")
    . "$work/mariadb/env"
  fi
  my_host=$(conn_value "$CLTEST_MARIADB" server); my_port=$(conn_value "$CLTEST_MARIADB" port)
  my_user=$(conn_value "$CLTEST_MARIADB" userid); my_password=$(conn_value "$CLTEST_MARIADB" password); export MYSQL_PWD=$my_password
  mariadb_cmd=(mariadb --no-defaults --protocol=TCP -h "$my_host" -P "$my_port" -u "$my_user")
}

# mariadb_rows DATABASE TABLE ROWS: DATABASE.TABLE on MariaDB (the database created afresh) with the benchmarks' ROWS
# rows — a key, an int, a varchar, a decimal, a datetime and a nullable varchar.
mariadb_rows() {
  "${mariadb_cmd[@]}" <<SQL
DROP DATABASE IF EXISTS $1;
CREATE DATABASE $1 CHARACTER SET utf8mb4;
CREATE TABLE $1.$2 (id BIGINT PRIMARY KEY, qty INT NOT NULL, name VARCHAR(40) NOT NULL, amount DECIMAL(12,2) NOT NULL,
  created DATETIME NOT NULL, note VARCHAR(100) NULL);
INSERT INTO $1.$2 SELECT seq, seq MOD 1000, CONCAT('name-', seq), (seq MOD 100000) / 100, '2024-01-01' + INTERVAL seq SECOND,
  IF(seq MOD 10 = 0, NULL, CONCAT('note ', seq)) FROM $1.seq_1_to_$3;
SQL
}

# use_azurite: the Azurite of CLTEST_AZURITE, or one started for the run (installed if missing).
use_azurite() {
  if [ -z "${CLTEST_AZURITE:-}" ]; then
    "$root/tests/servers/install.sh"
    "$root/tests/servers/azurite.sh" start "$work/azurite"
    started_azurite=true
    . "$work/azurite/env"
  fi
}

# publish_bench: the bench program published ReadyToRun (precompiled, as a deployed service would be, so
# whole-process times are not mostly JIT) into $work/bin; sets bench.
publish_bench() {
  dotnet publish -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true "$root/bench/ContinuousLoad.Bench" -o "$work/bin" \
    --nologo -v quiet -clp:ErrorsOnly >/dev/null
  bench=(dotnet "$work/bin/ContinuousLoad.Bench.dll")
}
