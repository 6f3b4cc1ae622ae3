#!/usr/bin/env bash
# MySQL binlog change stream: N inserted rows (default 1 million, in INSERT ... SELECT batches from
# MariaDB's sequence engine) plus N/4 updated rows (before and after images), read from the server over
# the replication protocol with every value of every row image read through its typed getter (folded into a
# printed checksum), against mariadb-binlog
# --read-from-remote-server reading the same binlog range to /dev/null in the same run (each the best of three) — plain (events
# as base64 BINLOG statements) and with -v --base64-output=DECODE-ROWS (rows printed as text).
# Uses the MariaDB of CLTEST_MARIADB, or starts one. Results: bench/out/mysql-binlog.md.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
inserts=${BINLOG_ROWS:-1000000}
updates=$((inserts / 4))
batch=100000

if [ -z "${CLTEST_MARIADB:-}" ]; then
  "$root/tests/servers/mariadb.sh" start "$work/mariadb"
  at_exit+=("'$root/tests/servers/mariadb.sh' stop '$work/mariadb'")
  . "$work/mariadb/env"
fi
host=$(conn_value "$CLTEST_MARIADB" server); port=$(conn_value "$CLTEST_MARIADB" port)
admin=(mariadb --no-defaults --protocol=TCP -h "$host" -P "$port" -u "$(conn_value "$CLTEST_MARIADB" userid)" "--password=$(conn_value "$CLTEST_MARIADB" password)")
repl_user=$(conn_value "$CLTEST_MARIADB_REPLICATION" userid); repl_password=$(conn_value "$CLTEST_MARIADB_REPLICATION" password)

# Published ReadyToRun (precompiled, as a deployed service would be), so the whole-process time is not mostly JIT.
publish_bench

"${admin[@]}" <<'SQL'
DROP DATABASE IF EXISTS bench_binlog;
CREATE DATABASE bench_binlog CHARACTER SET utf8mb4;
CREATE TABLE bench_binlog.changes (
  id BIGINT PRIMARY KEY, qty INT NOT NULL, name VARCHAR(40) NOT NULL, amount DECIMAL(12,2) NOT NULL,
  created DATETIME(6) NOT NULL, ratio DOUBLE NOT NULL, note VARCHAR(100) NULL);
FLUSH BINARY LOGS;
SQL
at_exit+=("$(printf '%q ' "${admin[@]}") -e 'DROP DATABASE IF EXISTS bench_binlog'")
start=$("${admin[@]}" -N -e "SHOW MASTER STATUS" | cut -f1,2)
for ((from = 1; from <= inserts; from += batch)); do
  to=$((from + batch - 1)); [ $to -gt "$inserts" ] && to=$inserts
  "${admin[@]}" -e "INSERT INTO bench_binlog.changes
    SELECT seq, seq MOD 1000, CONCAT('name-', seq), (seq MOD 100000) / 100, '2024-01-01' + INTERVAL seq SECOND,
           seq / 7, IF(seq MOD 10 = 0, NULL, CONCAT('note ', seq, ' ünïcode'))
    FROM bench_binlog.seq_${from}_to_${to}"
done
"${admin[@]}" -e "UPDATE bench_binlog.changes SET qty = qty + 1, note = 'updated' WHERE id <= $updates"
end=$("${admin[@]}" -N -e "SHOW MASTER STATUS" | cut -f1,2)
read -r start_file start_pos <<<"$start"; read -r end_file end_pos <<<"$end"
[ "$start_file" = "$end_file" ] || die "the range crossed a binlog rotation ($start_file .. $end_file); lower BINLOG_ROWS"
row_changes=$((inserts + updates))
size_mb=$(( (end_pos - start_pos) / 1048576 ))
log "binlog range $start_file:$start_pos..$end_pos ($size_mb MB, $row_changes row changes)"

tool=(mariadb-binlog --no-defaults --read-from-remote-server -h "$host" -P "$port" -u "$repl_user" "--password=$repl_password"
  "--start-position=$start_pos" "--stop-position=$end_pos")
# best_of COMMAND: the fastest of three runs, "seconds peak_rss_kb" (the references get the same best-of as our steady state).
best_of() { for _ in 1 2 3; do measure "$@"; done | sort -n | head -1; }
read -r plain_s plain_kb < <(best_of sh -c "$(printf '%q ' "${tool[@]}") $start_file > /dev/null")
read -r verbose_s verbose_kb < <(best_of sh -c "$(printf '%q ' "${tool[@]}") -v --base64-output=DECODE-ROWS $start_file > /dev/null")
# Our whole process gets the best of three too, like the references; the output kept is the last run's.
read -r ours_s ours_kb < <(best_of "${bench[@]}" mysql-binlog "$CLTEST_MARIADB_REPLICATION" "$start_file" "$start_pos" "$end_file" "$end_pos")
cat "$work/out"
grep -q "row changes $row_changes," "$work/out" || die "expected $row_changes row changes"
startup=$(sed -E 's/.*first change after ([0-9.]+) s \(process up ([0-9.]+) s, ([0-9]+) methods JIT-compiled in ([0-9]+) ms\).*/first change \1 s into the pass, \2 s after the process started, \3 methods JIT-compiled by then (\4 ms)/' "$work/out")
# One process streams the range four times: the best of passes 2-4 is the steady state of a long-running
# stream (no JIT warm-up), as the CSV benchmark reports the best of three passes.
measure "${bench[@]}" mysql-binlog "$CLTEST_MARIADB_REPLICATION" "$start_file" "$start_pos" "$end_file" "$end_pos" 4 >/dev/null
cat "$work/out"
warm_s=$(tail -3 "$work/out" | sed -E 's/.* ([0-9.]+) s, .*/\1/' | sort -n | head -1)

rate() { echo "scale=0; $row_changes / $1" | bc; }
ratio() { echo "scale=2; $1 / $ours_s" | bc; }
mkdir -p "$root/bench/out"
{
  echo "| Reader | Row changes | Binlog | Time | Row changes/s | Ratio (reference ÷ ours) | Peak RSS |"
  echo "|---|---|---|---|---|---|---|"
  echo "| \`mariadb-binlog --read-from-remote-server\` > /dev/null | $row_changes | $size_mb MB | $plain_s s | $(rate "$plain_s") | $(ratio "$plain_s")× | $((plain_kb / 1024)) MB |"
  echo "| \`mariadb-binlog --read-from-remote-server -v --base64-output=DECODE-ROWS\` > /dev/null | $row_changes | $size_mb MB | $verbose_s s | $(rate "$verbose_s") | $(ratio "$verbose_s")× | $((verbose_kb / 1024)) MB |"
  echo "| ContinuousLoad binlog stream, every row decoded (whole process: start, connect, JIT) | $row_changes | $size_mb MB | $ours_s s | $(rate "$ours_s") | 1.00× | $((ours_kb / 1024)) MB |"
  echo "| ContinuousLoad binlog stream, steady state (best of passes 2-4 in one process) | $row_changes | $size_mb MB | $warm_s s | $(rate "$warm_s") | plain $(echo "scale=2; $plain_s / $warm_s" | bc)×, -v $(echo "scale=2; $verbose_s / $warm_s" | bc)× | |"
  echo
  echo "Start-up of the last whole-process run: $startup. Load average during the run: $(cut -d' ' -f1-3 /proc/loadavg)."
} | tee "$root/bench/out/mysql-binlog.md"
