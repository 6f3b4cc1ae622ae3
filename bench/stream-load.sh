#!/usr/bin/env bash
# Stream Load over HTTP: N rows (default 5 million, ~585 MB CSV of mixed types) loaded with curl into
# a UNIQUE KEY table of the running function app, as CSV and as the same data in JSON lines, against
# the reference tools loading the CSV into a table with the same columns and primary key in the same
# run: `sqlite3 .import` for the embedded store, `psql \copy` for PostgreSQL. The host is started
# fresh for each load so its peak RSS (VmHWM) belongs to that load. Also measures CSV field splitting
# alone. Results: bench/out/stream-load.md.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
host_pid=
at_exit+=('if [ -n "$host_pid" ]; then kill "$host_pid"; wait "$host_pid"; fi')

dotnet build -c Release "$root/bench/ContinuousLoad.Bench" -o "$work/bin" --nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet build -c Release "$root/functions/ContinuousLoad.Functions" -o "$work/app" --nologo -v quiet -clp:ErrorsOnly >/dev/null
bench=(dotnet "$work/bin/ContinuousLoad.Bench.dll")

csv="$work/rows.csv"; jsonl="$work/rows.jsonl"
"${bench[@]}" generate-load-rows "$csv" "$jsonl" "$rows"
csv_mb=$(du -m "$csv" | cut -f1); json_mb=$(du -m "$jsonl" | cut -f1)
log "generated $rows rows: $csv_mb MB CSV, $json_mb MB JSON lines"

port=$(free_port 7391)
url="http://127.0.0.1:$port"
table_ddl=$(printf '%s' 'CREATE TABLE load_rows (k BIGINT NOT NULL, name VARCHAR(32), amount DECIMAL(12, 2), qty INT, ratio DOUBLE, active BOOLEAN, day DATE, ts DATETIME, note STRING) UNIQUE KEY(k)')

sql() { curl -sS -u root: -H 'Content-Type: application/json' -d "{\"stmt\": \"$1\"}" "$url/api/query/default_cluster/bench" >/dev/null; }

# start_host STORE_ARGS...: a fresh host on $url with its data under $work/data.
start_host() {
  rm -rf "$work/data"
  dotnet "$work/app/ContinuousLoad.Functions.dll" "--ContinuousLoad:ListenUrl=$url" "--ContinuousLoad:MySqlPort:Port=0" "--ContinuousLoad:DataDirectory=$work/data" \
    "--Logging:LogLevel:Default=Warning" "$@" >"$work/host.log" 2>&1 &
  host_pid=$!
  wait_until 60 "$host_pid" "the function app" curl -sf "$url/api/health"
  sql "DROP DATABASE IF EXISTS bench"; sql "CREATE DATABASE bench"; sql "$table_ddl"
}

stop_host() { kill "$host_pid"; wait "$host_pid" 2>/dev/null || true; host_pid=; }

# load FILE HEADERS...: prints "seconds peak_rss_mb" of one Stream Load of FILE; fails unless every row loaded.
load() {
  local file=$1; shift
  local headers=()
  for h in "$@"; do headers+=(-H "$h"); done
  read -r seconds _ < <(measure curl -sS -u root: -H "label:bench_$RANDOM" "${headers[@]}" -T "$file" "$url/api/bench/load_rows/_stream_load")
  grep -q '"Status": "Success"' "$work/out" && grep -q "\"NumberLoadedRows\": $rows," "$work/out" || { cat "$work/out" >&2; exit 1; }
  local peak_kb; peak_kb=$(awk '/VmHWM/ {print $2}' "/proc/$host_pid/status")
  echo "$seconds $((peak_kb / 1024))"
}

line() { # store format reference_s ours_s ours_rss reference_rss mb
  printf '| %s | %s | %s MB | %s s | %s s | %s | %s | %s× | %s MB | %s MB |\n' "$1" "$2" "$7" "$3" "$4" \
    "$(echo "scale=1; $7 / $4" | bc)" "$(echo "scale=0; $rows / $4" | bc)" "$(echo "scale=2; $3 / $4" | bc)" "$6" "$5"
}

# Embedded store against sqlite3 .import (WAL, synchronous=NORMAL, like our store).
sqlite3 "$work/reference.sqlite" >/dev/null <<'SQL'
PRAGMA journal_mode=WAL;
CREATE TABLE load_rows ("k" INTEGER, "name" TEXT, "amount" TEXT, "qty" INTEGER, "ratio" REAL, "active" INTEGER, "day" TEXT, "ts" TEXT, "note" TEXT, PRIMARY KEY ("k"));
SQL
read -r ref_s ref_kb < <(measure sqlite3 "$work/reference.sqlite" -cmd "PRAGMA synchronous=NORMAL" ".import --csv $csv load_rows")
start_host; load "$csv" "column_separator:," >"$work/result"; read -r csv_s csv_rss <"$work/result"; stop_host
start_host; load "$jsonl" "format:json" "read_json_by_line:true" >"$work/result"; read -r json_s json_rss <"$work/result"; stop_host
sqlite_csv=$(line "SQLite" "CSV" "$ref_s" "$csv_s" "$csv_rss" "$((ref_kb / 1024))" "$csv_mb")
sqlite_json=$(line "SQLite" "JSON lines" "$ref_s" "$json_s" "$json_rss" "$((ref_kb / 1024))" "$json_mb")

# PostgreSQL store against psql \copy into the same columns and primary key.
use_postgres
"${psql_cmd[@]}" -c "DROP SCHEMA IF EXISTS bench_reference CASCADE" -c "CREATE SCHEMA bench_reference" \
  -c "CREATE TABLE bench_reference.load_rows (k bigint, name text COLLATE \"C\", amount numeric(12,2), qty integer, ratio double precision, active boolean, day date, ts timestamp(0), note text COLLATE \"C\", PRIMARY KEY (k))"
read -r pref_s pref_kb < <(measure "${psql_cmd[@]}" -c "\\copy bench_reference.load_rows FROM '$csv' CSV")
"${psql_cmd[@]}" -c "DROP SCHEMA bench_reference CASCADE"
pg_args=("--ContinuousLoad:Tables:Store=postgres" "--ContinuousLoad:Tables:ConnectionString=$CLTEST_POSTGRES")
start_host "${pg_args[@]}"; load "$csv" "column_separator:," >"$work/result"; read -r pcsv_s pcsv_rss <"$work/result"; stop_host
start_host "${pg_args[@]}"; load "$jsonl" "format:json" "read_json_by_line:true" >"$work/result"; read -r pjson_s pjson_rss <"$work/result"; stop_host
postgres_csv=$(line "PostgreSQL" "CSV" "$pref_s" "$pcsv_s" "$pcsv_rss" "$((pref_kb / 1024))" "$csv_mb")
postgres_json=$(line "PostgreSQL" "JSON lines" "$pref_s" "$pjson_s" "$pjson_rss" "$((pref_kb / 1024))" "$json_mb")

split=$("${bench[@]}" csv-split "$csv")

mkdir -p "$root/bench/out"
{
  echo "| Store | Format | Body | Reference (CSV) | ContinuousLoad | MB/s | Rows/s | Ratio (reference ÷ ours) | Reference peak RSS | Host peak RSS |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  echo "$sqlite_csv"
  echo "$sqlite_json"
  echo "$postgres_csv"
  echo "$postgres_json"
  echo
  echo "CSV field splitting alone: $split"
} | tee "$root/bench/out/stream-load.md"
