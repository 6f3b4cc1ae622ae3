#!/usr/bin/env bash
# Table store write throughput: N rows (default 5 million) into a UNIQUE KEY table through the store
# interface, against the reference tools loading the same file into the same columns in the same run:
# `sqlite3 .import` for the embedded store, `psql \copy` for PostgreSQL. Wall time and peak RSS come
# from /usr/bin/time for every contender. Results: bench/out/tables-write.md.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

dotnet build -c Release "$root/bench/ContinuousLoad.Bench" -o "$work/bin" --nologo -v quiet -clp:ErrorsOnly >/dev/null
bench=(dotnet "$work/bin/ContinuousLoad.Bench.dll")

csv="$work/rows.csv"
"${bench[@]}" generate-rows "$csv" "$rows"
size_mb=$(du -m "$csv" | cut -f1)
log "generated $rows rows ($size_mb MB)"

# Embedded store against sqlite3 .import, same pragmas, same columns and primary key.
sqlite3 "$work/reference.sqlite" >/dev/null <<'SQL'
PRAGMA journal_mode=WAL;
CREATE TABLE bench_rows ("k" INTEGER, "name" TEXT, "amount" TEXT, "qty" INTEGER, "ts" TEXT, "note" TEXT, PRIMARY KEY ("k"));
SQL
read -r ref_s ref_kb < <(measure sqlite3 "$work/reference.sqlite" -cmd "PRAGMA synchronous=NORMAL" ".import --csv $csv bench_rows")
read -r ours_s ours_kb < <(measure "${bench[@]}" tables-write sqlite "$work/data" "$csv")
sqlite_line="| SQLite (embedded) | $rows | $ref_s s | $ours_s s | $(echo "scale=0; $rows / $ours_s" | bc) | $(echo "scale=2; $ref_s / $ours_s" | bc)× | $((ref_kb / 1024)) MB | $((ours_kb / 1024)) MB |"

# PostgreSQL store against psql \copy into the same columns and primary key.
use_postgres
"${psql_cmd[@]}" -c "DROP SCHEMA IF EXISTS bench_reference CASCADE" -c "CREATE SCHEMA bench_reference" \
  -c "CREATE TABLE bench_reference.bench_rows (k bigint, name text COLLATE \"C\", amount numeric(12,2), qty integer, ts timestamp(0), note text COLLATE \"C\", PRIMARY KEY (k))"
read -r pref_s pref_kb < <(measure "${psql_cmd[@]}" -c "\\copy bench_reference.bench_rows FROM '$csv' CSV")
read -r pours_s pours_kb < <(measure "${bench[@]}" tables-write postgres "$CLTEST_POSTGRES" "$csv")
"${psql_cmd[@]}" -c "DROP SCHEMA bench_reference CASCADE"
postgres_line="| PostgreSQL | $rows | $pref_s s | $pours_s s | $(echo "scale=0; $rows / $pours_s" | bc) | $(echo "scale=2; $pref_s / $pours_s" | bc)× | $((pref_kb / 1024)) MB (psql) | $((pours_kb / 1024)) MB |"

mkdir -p "$root/bench/out"
{
  echo "| Store | Rows | Reference | ContinuousLoad | Rows/s | Ratio (reference ÷ ours) | Reference peak RSS | Our peak RSS |"
  echo "|---|---|---|---|---|---|---|---|"
  echo "$sqlite_line"
  echo "$postgres_line"
} | tee "$root/bench/out/tables-write.md"
