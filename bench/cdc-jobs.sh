#!/usr/bin/env bash
# CDC streaming jobs, for each source (PostgreSQL, MariaDB) into each table store (SQLite, PostgreSQL), in one run:
# (1) snapshot — a ROWS-row table (default 1 million) loaded by a cdc_stream job with offset=snapshot, timed from
#     CREATE JOB to FINISHED, against the pipe a user would build from the standard tools on the same rows into a
#     table with the same primary key: `mariadb --batch --quick | sqlite3 .import` / `| psql COPY FROM STDIN`, and
#     `psql COPY TO STDOUT | sqlite3 .import` / `| psql COPY FROM STDIN`;
# (2) changes — CHANGES source changes (default 300,000: updates of one row each, in transactions of 100)
#     written while the job is paused, then timed from RESUME until the last one is visible: the rate the job
#     catches up at, which is the highest steady rate it can keep up with.
# (3) the database form — a FROM MYSQL | POSTGRES (...) TO DATABASE job over TABLES tables (default 100) of ROWS / TABLES
#     rows each: its snapshot (offset=snapshot, CREATE JOB to FINISHED, tables created by the job) and CHANGES changes
#     spread over the tables (updates of 100 rows each, in random tables) caught up after RESUME, against the
#     table-level figures of the same run (the aim: within 20 %).
# Peak RSS of the host (VmHWM) per run. Uses the servers of CLTEST_POSTGRES / CLTEST_MARIADB, or starts them.
# SOURCES / STORES / FORMS narrow the run (default: "postgres mysql" / "sqlite postgres" / "table database").
# Results: bench/out/cdc-jobs.md.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
rows=${ROWS:-1000000}
changes=${CHANGES:-300000}
split=${SPLIT:-100000}
tables=${TABLES:-100}
host_pid=
at_exit+=('if [ -n "$host_pid" ]; then kill "$host_pid"; wait "$host_pid"; fi')

use_postgres
use_mariadb
pg_host=$(conn_value "$CLTEST_POSTGRES" host); pg_port=$(conn_value "$CLTEST_POSTGRES" port); pg_user=$(conn_value "$CLTEST_POSTGRES" username)
psql_q() { "${psql_cmd[@]}" -At "$@"; }
psql_db() { local db=$1; shift; psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "$db" -At "$@"; }

dotnet build -c Release "$root/functions/ContinuousLoad.Functions" -o "$work/app" --nologo -v quiet -clp:ErrorsOnly >/dev/null

cleanup_sources() {
  psql_q -c "SET client_min_messages = warning" -c "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name LIKE 'cl\_job\_%' AND NOT active" \
    -c "DROP TABLE IF EXISTS bench_cdc" -c "DROP SCHEMA IF EXISTS bench_db CASCADE" -c "DROP DATABASE IF EXISTS bench_cdc_store" \
    -c "DROP DATABASE IF EXISTS bench_cdc_ref" >/dev/null
  psql_q -c "SELECT 'DROP PUBLICATION ' || pubname FROM pg_publication WHERE pubname LIKE 'clpub\_job\_%'" | psql_q >/dev/null
  "${mariadb_cmd[@]}" -e "DROP DATABASE IF EXISTS bench_cdc; DROP DATABASE IF EXISTS bench_db" >/dev/null
}
cleanup_sources
at_exit+=("cleanup_sources")

# The same rows on both servers: a key, numbers, text, a timestamp and a nullable note.
columns="id, qty, name, amount, created, note"
psql_q -c "CREATE TABLE bench_cdc (id bigint PRIMARY KEY, qty int NOT NULL, name varchar(40) NOT NULL, amount numeric(12,2) NOT NULL,
  created timestamp NOT NULL, note varchar(100))" \
  -c "INSERT INTO bench_cdc SELECT g, g % 1000, 'name-' || g, (g % 100000) / 100.0, timestamp '2024-01-01' + g * interval '1 second',
  CASE WHEN g % 10 = 0 THEN NULL ELSE 'note ' || g END FROM generate_series(1, $rows) g" -c "VACUUM ANALYZE bench_cdc" >/dev/null
mariadb_rows bench_cdc bench_cdc "$rows"
log "generated $rows rows on both servers"
# The database form: the same columns in TABLES tables of ROWS / TABLES rows each.
per_table=$((rows / tables))
if [[ " ${FORMS:-table database} " == *" database "* ]]; then
  psql_q -c "CREATE SCHEMA bench_db" >/dev/null
  "${mariadb_cmd[@]}" -e "CREATE DATABASE bench_db CHARACTER SET utf8mb4"
  for ((t = 1; t <= tables; t++)); do
    name=$(printf 't%03d' "$t")
    echo "CREATE TABLE bench_db.$name (LIKE bench_cdc INCLUDING ALL); INSERT INTO bench_db.$name SELECT * FROM bench_cdc WHERE id <= $per_table;"
  done | psql_q >/dev/null
  for ((t = 1; t <= tables; t++)); do
    name=$(printf 't%03d' "$t")
    echo "CREATE TABLE bench_db.$name LIKE bench_cdc.bench_cdc; INSERT INTO bench_db.$name SELECT * FROM bench_cdc.bench_cdc WHERE id <= $per_table;"
  done | "${mariadb_cmd[@]}"
  log "generated $tables tables of $per_table rows on both servers"
fi
target_ddl="CREATE TABLE t (id BIGINT, qty INT, name VARCHAR(40), amount DECIMAL(12, 2), created DATETIME, note VARCHAR(100)) UNIQUE KEY(id)"

port=$(free_port 7394); url="http://127.0.0.1:$port"
sql() { curl -sS -u root: -H 'Content-Type: application/json' -d "$(jq -n --arg s "$1" '{stmt: $s}')" "$url/api/query/default_cluster/bench"; }
scalar() { sql "$1" | jq -r '.data.data[0][0]'; }
start_host() { # start_host STORE
  rm -rf "$work/data"
  local store=()
  if [ "$1" = postgres ]; then
    psql_q -c "DROP DATABASE IF EXISTS bench_cdc_store" -c "CREATE DATABASE bench_cdc_store" >/dev/null
    store=("--ContinuousLoad:Tables:Store=postgres" "--ContinuousLoad:Tables:ConnectionString=Host=$pg_host;Port=$pg_port;Username=$pg_user;Database=bench_cdc_store")
  fi
  dotnet "$work/app/ContinuousLoad.Functions.dll" "--ContinuousLoad:ListenUrl=$url" "--ContinuousLoad:MySqlPort:Port=0" "--ContinuousLoad:DataDirectory=$work/data" \
    "--Logging:LogLevel:Default=Warning" "${store[@]}" >"$work/host.log" 2>&1 &
  host_pid=$!
  wait_until 60 "$host_pid" "the function app" curl -sf "$url/api/health"
  sql "CREATE DATABASE bench" >/dev/null
  sql "$target_ddl" >/dev/null
}
stop_host() { sql "DROP JOB IF EXISTS WHERE jobName = 'cdc'" >/dev/null; kill "$host_pid"; wait "$host_pid" 2>/dev/null || true; host_pid=; }
scanned() { scalar 'SELECT LoadStatistic FROM jobs("type"="insert")' | jq -r '.scannedRows'; }
peak_mb() { echo $(( $(awk '/VmHWM/ { print $2 }' "/proc/$host_pid/status") / 1024 )); }
cdc_stream() { # cdc_stream SOURCE OFFSET
  if [ "$1" = postgres ]; then
    echo "cdc_stream(\"type\" = \"postgres\", \"jdbc_url\" = \"jdbc:postgresql://$pg_host:$pg_port/postgres\", \"user\" = \"$pg_user\", \"password\" = \"\",
      \"schema\" = \"public\", \"table\" = \"bench_cdc\", \"offset\" = \"$2\", \"snapshot_split_size\" = \"$split\")"
  else
    echo "cdc_stream(\"type\" = \"mysql\", \"jdbc_url\" = \"jdbc:mysql://$my_host:$my_port\", \"user\" = \"$my_user\", \"password\" = \"$my_password\",
      \"database\" = \"bench_cdc\", \"table\" = \"bench_cdc\", \"offset\" = \"$2\", \"snapshot_split_size\" = \"$split\")"
  fi
}
not_paused() { [ "$(scalar 'SELECT Status FROM jobs("type"="insert")')" != PAUSED ] || { sql 'SELECT ErrorMsg FROM jobs("type"="insert")' >&2; exit 1; }; }
wait_job() { # wait_job CONDITION_SQL EXPECTED
  until [ "$(scalar "$1")" = "$2" ]; do not_paused; sleep 0.2; done
}
create_job() { # create_job BODY: CREATE JOB cdc with BODY (DO INSERT ... or FROM ... TO DATABASE ...)
  sql "CREATE JOB cdc PROPERTIES (\"max_interval\" = \"1\") ON STREAMING $1" \
    | jq -e '.code == 0' >/dev/null || { sql 'SELECT ErrorMsg FROM jobs("type"="insert")' >&2; exit 1; }
}
wait_reading() { # until the job has looked at its source and found nothing new
  until scalar 'SELECT JobRuntimeMsg FROM jobs("type"="insert")' | grep -q '^No new data'; do
    kill -0 "$host_pid" 2>/dev/null || { tail -30 "$work/host.log" >&2; exit 1; }
    sleep 0.2
  done
}

# (1) The job's snapshot: seconds from CREATE JOB to FINISHED, and peak RSS.
snapshot_job() { # snapshot_job SOURCE STORE
  start_host "$2"
  local start; start=$(date +%s.%N)
  create_job "DO INSERT INTO bench.t SELECT $columns FROM $(cdc_stream "$1" snapshot)"
  wait_job 'SELECT Status FROM jobs("type"="insert")' FINISHED
  local seconds; seconds=$(echo "$(date +%s.%N) - $start" | bc -l)
  [ "$(scalar 'SELECT count(*) FROM t')" = "$rows" ] || { echo "snapshot loaded $(scalar 'SELECT count(*) FROM t') of $rows rows" >&2; exit 1; }
  local rss; rss=$(peak_mb)
  stop_host
  echo "$seconds $rss"
}

# The standard-tool pipe: the rows out of the source's client, into the store's own import, same key.
# With MERGE=1 the import lands in a staging table and is merged by key into the target, as keeping a
# mirror by hand needs (SQLite INSERT OR REPLACE, PostgreSQL INSERT ... ON CONFLICT DO UPDATE).
reference() { # reference SOURCE STORE [MERGE]
  local out=() into=() merge=${3:-0}
  if [ "$1" = postgres ]; then
    out=(psql -X -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -c "\\copy (SELECT $columns FROM bench_cdc) TO STDOUT")
  else
    out=("${mariadb_cmd[@]}" --batch --quick --skip-column-names -e "SELECT $columns FROM bench_cdc.bench_cdc")
  fi
  if [ "$2" = sqlite ]; then
    rm -f "$work/ref.db"
    sqlite3 "$work/ref.db" "CREATE TABLE t (id INTEGER PRIMARY KEY, qty INT, name TEXT, amount NUMERIC, created TEXT, note TEXT)" \
      "CREATE TABLE staging (id, qty, name, amount, created, note)"
    if [ "$merge" = 1 ]; then
      into=(sqlite3 "$work/ref.db" -cmd ".mode tabs" ".import /dev/stdin staging"
        "INSERT OR REPLACE INTO t SELECT CAST(id AS INTEGER), CAST(qty AS INTEGER), name, CAST(amount AS NUMERIC), created, note FROM staging")
    else
      into=(sqlite3 "$work/ref.db" -cmd ".mode tabs" ".import /dev/stdin t")
    fi
  else
    psql_q -c "DROP DATABASE IF EXISTS bench_cdc_ref" -c "CREATE DATABASE bench_cdc_ref" >/dev/null
    psql_db bench_cdc_ref -c "CREATE TABLE t (id bigint PRIMARY KEY, qty int, name varchar(40), amount numeric(12,2), created timestamp, note varchar(100))" \
      -c "CREATE UNLOGGED TABLE staging (LIKE t)"
    if [ "$merge" = 1 ]; then
      into=(psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$pg_user" -d bench_cdc_ref -c "COPY staging FROM STDIN"
        -c "INSERT INTO t SELECT * FROM staging ON CONFLICT (id) DO UPDATE SET qty = excluded.qty, name = excluded.name, amount = excluded.amount, created = excluded.created, note = excluded.note")
    else
      into=(psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$pg_user" -d bench_cdc_ref -c "COPY t FROM STDIN")
    fi
  fi
  measure sh -c "$(printf '%q ' "${out[@]}") | $(printf '%q ' "${into[@]}")" | cut -d' ' -f1
}

# (2) Changes: the job runs with offset=latest, is paused, CHANGES updates are written, and the catch-up after RESUME is timed.
write_changes() { # write_changes SOURCE
  local per=100 i
  if [ "$1" = postgres ]; then
    for ((i = 0; i < changes; i += per)); do
      echo "UPDATE bench_cdc SET qty = qty + 1 WHERE id > $((i % rows)) AND id <= $((i % rows + per));"
    done | psql_q >/dev/null
  else
    for ((i = 0; i < changes; i += per)); do
      echo "UPDATE bench_cdc.bench_cdc SET qty = qty + 1 WHERE id > $((i % rows)) AND id <= $((i % rows + per));"
    done | "${mariadb_cmd[@]}"
  fi
}
changes_job() { # changes_job SOURCE STORE
  start_host "$2"
  create_job "DO INSERT INTO bench.t SELECT $columns FROM $(cdc_stream "$1" latest)"
  wait_reading
  sql "PAUSE JOB WHERE jobName = 'cdc'" >/dev/null
  write_changes "$1"
  local start; start=$(date +%s.%N)
  sql "RESUME JOB WHERE jobName = 'cdc'" >/dev/null
  # Every change updates a different row once (CHANGES ≤ ROWS): the job has caught up when all of them are in the target.
  wait_job 'SELECT count(*) FROM t' "$changes"
  local seconds; seconds=$(echo "$(date +%s.%N) - $start" | bc -l)
  local rss; rss=$(peak_mb)
  stop_host
  echo "$seconds $rss"
}

# (3) The database form: the job creates its tables in database bench; snapshot, then changes spread over the tables.
mirror() { # mirror SOURCE OFFSET
  if [ "$1" = postgres ]; then
    echo "FROM POSTGRES (\"jdbc_url\" = \"jdbc:postgresql://$pg_host:$pg_port/postgres\", \"user\" = \"$pg_user\", \"password\" = \"\",
      \"schema\" = \"bench_db\", \"offset\" = \"$2\", \"snapshot_split_size\" = \"$split\") TO DATABASE bench"
  else
    echo "FROM MYSQL (\"jdbc_url\" = \"jdbc:mysql://$my_host:$my_port\", \"user\" = \"$my_user\", \"password\" = \"$my_password\",
      \"database\" = \"bench_db\", \"offset\" = \"$2\", \"snapshot_split_size\" = \"$split\") TO DATABASE bench"
  fi
}
database_job() { # database_job SOURCE STORE: snapshot seconds and RSS, then changes seconds and RSS
  start_host "$2"
  sql "DROP TABLE t" >/dev/null
  local start; start=$(date +%s.%N)
  create_job "$(mirror "$1" snapshot)"
  wait_job 'SELECT Status FROM jobs("type"="insert")' FINISHED
  local snap_s; snap_s=$(echo "$(date +%s.%N) - $start" | bc -l)
  [ "$(scanned)" = "$((per_table * tables))" ] || { echo "the database snapshot read $(scanned) of $((per_table * tables)) rows" >&2; exit 1; }
  local snap_rss; snap_rss=$(peak_mb)
  stop_host
  start_host "$2"
  sql "DROP TABLE t" >/dev/null
  create_job "$(mirror "$1" latest)"
  wait_reading
  sql "PAUSE JOB WHERE jobName = 'cdc'" >/dev/null
  local per=100 i name
  for ((i = 0; i < changes; i += per)); do
    name=$(printf 't%03d' $(( (i / per) % tables + 1 )))
    echo "UPDATE bench_db.$name SET qty = qty + 1 WHERE id > $(( (i / per / tables * per) % per_table )) AND id <= $(( (i / per / tables * per) % per_table + per ));"
  done >"$work/changes.sql"
  if [ "$1" = postgres ]; then psql_q -f "$work/changes.sql" >/dev/null; else "${mariadb_cmd[@]}" <"$work/changes.sql"; fi
  start=$(date +%s.%N)
  sql "RESUME JOB WHERE jobName = 'cdc'" >/dev/null
  # Every change updates a different row once: the job has caught up when it has read all of them.
  until [ "$(scanned)" -ge "$changes" ]; do not_paused; sleep 0.2; done
  local change_s; change_s=$(echo "$(date +%s.%N) - $start" | bc -l)
  local change_rss; change_rss=$(peak_mb)
  stop_host
  echo "$snap_s $snap_rss $change_s $change_rss"
}

results=()
database_results=()
for source in ${SOURCES:-postgres mysql}; do
  for store in ${STORES:-sqlite postgres}; do
    if [[ " ${FORMS:-table database} " == *" database "* ]]; then
      read -r db_snap_s db_snap_rss db_change_s db_change_rss < <(database_job "$source" "$store")
      log "$source → $store: database snapshot of $tables tables in $db_snap_s s ($db_snap_rss MB), $changes changes caught up in $db_change_s s ($db_change_rss MB)"
      database_results+=("$source $store $db_snap_s $db_snap_rss $db_change_s $db_change_rss")
    fi
    [[ " ${FORMS:-table database} " == *" table "* ]] || continue
    read -r snap_s snap_rss < <(snapshot_job "$source" "$store")
    ref_s=$(reference "$source" "$store")
    merge_s=$(reference "$source" "$store" 1)
    log "$source → $store: snapshot job $snap_s s ($snap_rss MB), standard tools $ref_s s, merged by key $merge_s s"
    read -r change_s change_rss < <(changes_job "$source" "$store")
    log "$source → $store: $changes changes caught up in $change_s s ($change_rss MB)"
    results+=("$source $store $snap_s $snap_rss $ref_s $merge_s $change_s $change_rss")
  done
done

mkdir -p "$root/bench/out"
: >"$root/bench/out/cdc-jobs.md"
{
  echo "| Source → store | Snapshot rows | Job (s) | Rows/s | Pipe (s) | Job ÷ pipe | Pipe merged by key (s) | Job ÷ merged pipe | Peak RSS | Changes | Catch-up (s) | Changes/s | Peak RSS |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  for line in "${results[@]}"; do
    read -r source store snap_s snap_rss ref_s merge_s change_s change_rss <<<"$line"
    printf '| %s → %s | %d | %.1f | %.0f | %.1f | **%.2f×** | %.1f | **%.2f×** | %d MB | %d | %.1f | **%.0f** | %d MB |\n' "$source" "$store" "$rows" "$snap_s" \
      "$(echo "$rows / $snap_s" | bc -l)" "$ref_s" "$(echo "$ref_s / $snap_s" | bc -l)" "$merge_s" "$(echo "$merge_s / $snap_s" | bc -l)" "$snap_rss" \
      "$changes" "$change_s" "$(echo "$changes / $change_s" | bc -l)" "$change_rss"
  done
} | tee -a "$root/bench/out/cdc-jobs.md"
if [ ${#database_results[@]} -gt 0 ]; then
  echo
  echo "| Source → store (database form, $tables tables) | Snapshot rows | Job (s) | Rows/s | Peak RSS | Changes | Catch-up (s) | Changes/s | Peak RSS |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for line in "${database_results[@]}"; do
    read -r source store snap_s snap_rss change_s change_rss <<<"$line"
    printf '| %s → %s | %d | %.1f | **%.0f** | %d MB | %d | %.1f | **%.0f** | %d MB |\n' "$source" "$store" "$((per_table * tables))" "$snap_s" \
      "$(echo "$per_table * $tables / $snap_s" | bc -l)" "$snap_rss" "$changes" "$change_s" "$(echo "$changes / $change_s" | bc -l)" "$change_rss"
  done
fi | tee -a "$root/bench/out/cdc-jobs.md"
