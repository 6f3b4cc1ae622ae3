#!/usr/bin/env bash
# The MySQL protocol port against MariaDB itself, same run, same client: ROWS rows (default 1 million: a key, an int,
# a varchar, a decimal, a datetime and a nullable varchar) read with `mariadb --batch --quick -e "SELECT * FROM t"`,
# the output discarded, from each server; best of three each. The same rows are in both (exported from MariaDB,
# loaded into the app's embedded store with Stream Load). Peak RSS of the app before the reads and after them shows
# whether a large result grows its memory. Uses the server of CLTEST_MARIADB, or starts one.
# Results: bench/out/mysql-port.md.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
rows=${ROWS:-1000000}
host_pid=
at_exit+=('if [ -n "$host_pid" ]; then kill "$host_pid"; wait "$host_pid"; fi')

use_mariadb
mariadb_rows bench_port t "$rows"
at_exit+=("MYSQL_PWD='$MYSQL_PWD' ${mariadb_cmd[*]} -e 'DROP DATABASE IF EXISTS bench_port'")
# The export as Stream Load reads it: tab-separated, NULL as \N (the batch output prints it as the word NULL).
"${mariadb_cmd[@]}" --batch --quick --skip-column-names -e "SELECT * FROM bench_port.t" | sed 's/\tNULL$/\t\\N/' >"$work/rows.tsv"

dotnet build -c Release "$root/functions/ContinuousLoad.Functions" -o "$work/app" --nologo -v quiet -clp:ErrorsOnly >/dev/null
port=$(free_port 7395); url="http://127.0.0.1:$port"
query_port=$(free_port 9035)
dotnet "$work/app/ContinuousLoad.Functions.dll" "--ContinuousLoad:ListenUrl=$url" "--ContinuousLoad:MySqlPort:Port=$query_port" \
  "--ContinuousLoad:DataDirectory=$work/data" "--Logging:LogLevel:Default=Warning" >"$work/host.log" 2>&1 &
host_pid=$!
wait_until 60 "$host_pid" "the function app" curl -sf "$url/api/health"
ours=(env -u MYSQL_PWD mariadb --no-defaults --protocol=TCP -h 127.0.0.1 -P "$query_port" -u root)
"${ours[@]}" -e "CREATE DATABASE bench_port; CREATE TABLE bench_port.t (id BIGINT, qty INT, name VARCHAR(40), amount DECIMAL(12, 2),
  created DATETIME, note VARCHAR(100)) UNIQUE KEY(id)"
curl -sS -u root: -H 'columns: id, qty, name, amount, created, note' -T "$work/rows.tsv" "$url/api/bench_port/t/_stream_load" \
  | grep -q '"Status": "Success"' || { echo "the load failed" >&2; exit 1; }
peak_mb() { echo $(( $(awk '/VmHWM/ { print $2 }' "/proc/$host_pid/status") / 1024 )); }
before_mb=$(peak_mb)

best() { sort -n | head -1; }
select_all=(--batch --quick -e "SELECT * FROM bench_port.t")
mariadb_s=$(for _ in 1 2 3; do measure "${mariadb_cmd[@]}" "${select_all[@]}" | cut -d' ' -f1; done | best)
ours_s=$(for _ in 1 2 3; do measure "${ours[@]}" "${select_all[@]}" | cut -d' ' -f1; done | best)
after_mb=$(peak_mb)
count=$("${ours[@]}" --batch --skip-column-names -e "SELECT count(*) FROM bench_port.t")
[ "$count" = "$rows" ] || { echo "the app holds $count rows, not $rows" >&2; exit 1; }
diff <("${mariadb_cmd[@]}" --batch --quick -e "SELECT * FROM bench_port.t ORDER BY id LIMIT 1000") \
     <("${ours[@]}" --batch --quick -e "SELECT * FROM bench_port.t ORDER BY id LIMIT 1000") >/dev/null \
  || { echo "the first 1000 rows differ between the servers" >&2; exit 1; }

mkdir -p "$root/bench/out"
{
  echo "| Rows | MariaDB $("${mariadb_cmd[@]}" --batch --skip-column-names -e 'SELECT VERSION()' | cut -d- -f1) | ContinuousLoad MySQL port | Ratio (MariaDB ÷ ours) | App peak RSS before → after |"
  echo "|---|---|---|---|---|"
  echo "| $rows | $mariadb_s s | $ours_s s | **$(printf "%.2f" "$(echo "scale=4; $mariadb_s / $ours_s" | bc)")×** | $before_mb → $after_mb MB |"
} | tee "$root/bench/out/mysql-port.md"
