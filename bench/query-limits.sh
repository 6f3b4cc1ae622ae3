#!/usr/bin/env bash
# What the query limits cost and how fast they stop a runaway query. A CPU-bound self-join over N rows
# (default 5000: 25 million row pairs) of the embedded store, through the HTTP SQL API (the store's
# progress handler watches query_timeout and max_scan_rows all the while), against the sqlite3 CLI running
# the same query on the same database file in the same run; best of three each. Then a cross join of
# three copies (125 billion row triples at the default N) with query_timeout = 2: how long until the
# answer, and how much CPU the host uses in the two seconds after it. Results: bench/out/query-limits.md.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
rows=${ROWS:-5000}
host_pid=
at_exit+=('if [ -n "$host_pid" ]; then kill "$host_pid"; wait "$host_pid"; fi')

dotnet build -c Release "$root/functions/ContinuousLoad.Functions" -o "$work/app" --nologo -v quiet -clp:ErrorsOnly >/dev/null
port=$(free_port 7391)
url="http://127.0.0.1:$port"
dotnet "$work/app/ContinuousLoad.Functions.dll" "--ContinuousLoad:ListenUrl=$url" "--ContinuousLoad:MySqlPort:Port=0" "--ContinuousLoad:DataDirectory=$work/data" \
  "--Logging:LogLevel:Default=Warning" >"$work/host.log" 2>&1 &
host_pid=$!
wait_until 60 "$host_pid" "the function app" curl -sf "$url/api/health"

post=(curl -sS -u root: -H 'Content-Type: application/json' "$url/api/query/default_cluster/bench" -d)
sql() { "${post[@]}" "{\"stmt\": \"$1\"}"; }
sql "CREATE DATABASE bench" >/dev/null
sql "CREATE TABLE a (k INT) DUPLICATE KEY(k)" >/dev/null
seq 1 "$rows" >"$work/rows.txt"
curl -sS -u root: -T "$work/rows.txt" "$url/api/bench/a/_stream_load" | grep -q '"Status": "Success"'

query="SELECT count(*) FROM a x, a y WHERE x.k < y.k"
best() { sort -n | head -1; }
ours=$(for _ in 1 2 3; do measure "${post[@]}" "{\"stmt\": \"$query\"}" | cut -d' ' -f1; done | best)
answer=$(sql "$query" | grep -o '"data":\[\[[0-9]*\]\]' | grep -o '[0-9][0-9]*')
reference=$(for _ in 1 2 3; do measure sqlite3 -readonly "$work/data/tables/bench.sqlite" "$query" | cut -d' ' -f1; done | best)
expected=$(sqlite3 -readonly "$work/data/tables/bench.sqlite" "$query")
[ "$answer" = "$expected" ] || { echo "answers differ: ours $answer, sqlite3 $expected" >&2; exit 1; }

cpu() { awk '{print $14 + $15}' "/proc/$host_pid/stat"; }
ticks=$(getconf CLK_TCK)
read -r stop_s _ < <(measure "${post[@]}" '{"stmt": "SELECT /*+ SET_VAR(query_timeout = 2) */ count(*) FROM a x, a y, a z"}')
grep -q 'Query exceeded time limit of 2 seconds' "$work/out" || { cat "$work/out" >&2; exit 1; }
before=$(cpu); sleep 2; after=$(cpu)
idle_cpu=$(echo "scale=2; ($after - $before) / $ticks" | bc)
peak_mb=$(( $(awk '/VmHWM/ {print $2}' "/proc/$host_pid/status") / 1024 ))

mkdir -p "$root/bench/out"
{
  echo "| Query | sqlite3 CLI | ContinuousLoad (HTTP, watched) | Ratio (reference ÷ ours) |"
  echo "|---|---|---|---|"
  echo "| self-join of $rows rows, $(($rows * $rows)) pairs | $reference s | $ours s | $(echo "scale=2; $reference / $ours" | bc)× |"
  echo
  echo "Runaway cross join with query_timeout = 2: answered after $stop_s s; host CPU in the next 2 s: $idle_cpu s; host peak RSS $peak_mb MB."
} | tee "$root/bench/out/query-limits.md"
