#!/usr/bin/env bash
# MySQL snapshot read: a table of N rows (default 5 million, generated server-side from MariaDB's
# sequence engine) read through our consistent snapshot in primary-key chunks with every value decoded,
# against the mariadb client reading the same rows to /dev/null in the same run — `--batch --quick`
# (streams row by row, the fair reference) and plain `--batch` (buffers the whole result first).
# Uses the MariaDB of CLTEST_MARIADB, or starts one. Results: bench/out/mysql-snapshot.md.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
chunk=${CHUNK:-100000}

use_mariadb

dotnet build -c Release "$root/bench/ContinuousLoad.Bench" -o "$work/bin" --nologo -v quiet -clp:ErrorsOnly >/dev/null
bench=(dotnet "$work/bin/ContinuousLoad.Bench.dll")

"${mariadb_cmd[@]}" <<SQL
DROP DATABASE IF EXISTS bench_snapshot;
CREATE DATABASE bench_snapshot CHARACTER SET utf8mb4;
CREATE TABLE bench_snapshot.rows_table (
  id BIGINT PRIMARY KEY, qty INT NOT NULL, name VARCHAR(40) NOT NULL, amount DECIMAL(12,2) NOT NULL,
  created DATETIME(6) NOT NULL, ratio DOUBLE NOT NULL, note VARCHAR(100) NULL);
INSERT INTO bench_snapshot.rows_table
  SELECT seq, seq MOD 1000, CONCAT('name-', seq), (seq MOD 100000) / 100, '2024-01-01' + INTERVAL seq SECOND,
         seq / 7, IF(seq MOD 10 = 0, NULL, CONCAT('note ', seq, ' ünïcode'))
  FROM bench_snapshot.seq_1_to_$rows;
SQL
at_exit+=("${mariadb_cmd[*]} -e 'DROP DATABASE IF EXISTS bench_snapshot'")
"${mariadb_cmd[@]}" -e "ANALYZE TABLE bench_snapshot.rows_table" >/dev/null
size_mb=$("${mariadb_cmd[@]}" -N -e "SELECT ROUND((DATA_LENGTH) / 1048576) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'bench_snapshot'")
log "generated $rows rows ($size_mb MB of InnoDB data)"

select_all="SELECT id, qty, name, amount, created, ratio, note FROM bench_snapshot.rows_table ORDER BY id"
read -r quick_s quick_kb < <(measure sh -c "$(printf '%q ' "${mariadb_cmd[@]}") --batch --quick -e \"$select_all\" > /dev/null")
read -r batch_s batch_kb < <(measure sh -c "$(printf '%q ' "${mariadb_cmd[@]}") --batch -e \"$select_all\" > /dev/null")
read -r ours_s ours_kb < <(measure "${bench[@]}" mysql-snapshot "$CLTEST_MARIADB" bench_snapshot.rows_table "$chunk")
cat "$work/out"

rate() { echo "scale=0; $rows / $1" | bc; }
ratio() { echo "scale=2; $1 / $ours_s" | bc; }
mkdir -p "$root/bench/out"
{
  echo "| Reader | Rows | Time | Rows/s | Ratio (reference ÷ ours) | Peak RSS |"
  echo "|---|---|---|---|---|---|"
  echo "| \`mariadb --batch --quick\` > /dev/null | $rows | $quick_s s | $(rate "$quick_s") | $(ratio "$quick_s")× | $((quick_kb / 1024)) MB |"
  echo "| \`mariadb --batch\` > /dev/null | $rows | $batch_s s | $(rate "$batch_s") | $(ratio "$batch_s")× | $((batch_kb / 1024)) MB |"
  echo "| ContinuousLoad snapshot, chunks of $chunk, every value decoded | $rows | $ours_s s | $(rate "$ours_s") | 1.00× | $((ours_kb / 1024)) MB |"
} | tee "$root/bench/out/mysql-snapshot.md"
