#!/usr/bin/env bash
# S3 streaming jobs against s3rver: catch-up over SMALL_FILES small objects (default 10,000 × 10 rows)
# and over LARGE_FILES large ones (default 20, the Stream Load benchmark's rows split evenly, ROWS in
# all), each timed from CREATE JOB until the last row is visible, against `aws s3 cp --recursive` of
# the same objects from the same server to disk (the download alone: the floor). Then arrival-to-
# visible latency (p50/p99 over LATENCY_FILES, default 50) with max_interval 1. Peak RSS of the host
# (VmHWM) per catch-up. Results: bench/out/streaming-jobs.md.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
small_files=${SMALL_FILES:-10000}; large_files=${LARGE_FILES:-20}; latency_files=${LATENCY_FILES:-50}
rows=${ROWS:-2000000}
host_pid=
at_exit+=('"$root/tests/servers/s3.sh" stop "$work/s3"' 'if [ -n "$host_pid" ]; then kill "$host_pid"; wait "$host_pid"; fi')

dotnet build -c Release "$root/bench/ContinuousLoad.Bench" -o "$work/bin" --nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet build -c Release "$root/functions/ContinuousLoad.Functions" -o "$work/app" --nologo -v quiet -clp:ErrorsOnly >/dev/null

CLTEST_S3_PORT=$(free_port 4591) "$root/tests/servers/s3.sh" start "$work/s3" >/dev/null
. "$work/s3/env"
endpoint=$(conn_value "$CLTEST_S3" serviceurl)
export AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
aws_s3() { aws --endpoint-url "$endpoint" s3 "$@" --only-show-errors; }

# The objects: small ones written by awk, large ones cut from the Stream Load benchmark's rows.
mkdir -p "$work/small" "$work/large"
awk -v n="$small_files" -v dir="$work/small" 'BEGIN { for (f = 0; f < n; f++) { file = sprintf("%s/part-%06d.csv", dir, f);
  for (r = 0; r < 10; r++) printf "%d,name-%d,%d.%02d\n", f * 10 + r, r, r * 7, r > file; close(file) } }'
dotnet "$work/bin/ContinuousLoad.Bench.dll" generate-load-rows "$work/rows.csv" "$work/rows.jsonl" "$rows" >/dev/null
(cd "$work/large" && split -n "l/$large_files" -d -a 3 --additional-suffix=.csv "$work/rows.csv" part-)
rm -f "$work/rows.jsonl"
aws_s3 cp --recursive "$work/small" s3://test-bucket/small/
aws_s3 cp --recursive "$work/large" s3://test-bucket/large/
small_mb=$(du -sm --apparent-size "$work/small" | cut -f1); large_mb=$(du -sm --apparent-size "$work/large" | cut -f1)
log "uploaded $small_files small objects ($small_mb MB) and $large_files large ones ($large_mb MB)"

port=$(free_port 7392); url="http://127.0.0.1:$port"
sql() { curl -sS -u root: -H 'Content-Type: application/json' -d "$(jq -n --arg s "$1" '{stmt: $s}')" "$url/api/query/default_cluster/bench"; }
scalar() { sql "$1" | jq -r '.data.data[0][0]'; }
start_host() {
  rm -rf "$work/data"
  dotnet "$work/app/ContinuousLoad.Functions.dll" "--ContinuousLoad:ListenUrl=$url" "--ContinuousLoad:MySqlPort:Port=0" "--ContinuousLoad:DataDirectory=$work/data" \
    "--Logging:LogLevel:Default=Warning" >"$work/host.log" 2>&1 &
  host_pid=$!
  wait_until 60 "$host_pid" "the function app" curl -sf "$url/api/health"
  sql "CREATE DATABASE bench" >/dev/null
}
stop_host() { kill "$host_pid"; wait "$host_pid" 2>/dev/null || true; host_pid=; }
peak_mb() { echo $(( $(awk '/VmHWM/ { print $2 }' "/proc/$host_pid/status") / 1024 )); }
params="\"s3.endpoint\" = \"$endpoint\", \"s3.region\" = \"us-east-1\", \"s3.access_key\" = \"S3RVER\", \"s3.secret_key\" = \"S3RVER\", \"use_path_style\" = \"true\""

# catch_up NAME DDL SELECT FORMAT_PARAMS EXPECTED_ROWS: seconds from CREATE JOB to EXPECTED_ROWS visible, and peak RSS.
catch_up() {
  start_host
  sql "$2" >/dev/null
  local start; start=$(date +%s.%N)
  sql "CREATE JOB $1 PROPERTIES (\"max_interval\" = \"1\") ON STREAMING DO INSERT INTO bench.t $3 FROM S3(\"uri\" = \"s3://test-bucket/$1/*.csv\", $4, $params)" \
    | jq -e '.code == 0' >/dev/null || { sql "SELECT ErrorMsg FROM jobs(\"type\"=\"insert\")"; exit 1; }
  until [ "$(scalar 'SELECT count(*) FROM t')" = "$5" ]; do
    [ "$(scalar 'SELECT Status FROM jobs("type"="insert")')" != PAUSED ] || { sql 'SELECT ErrorMsg FROM jobs("type"="insert")'; exit 1; }
    sleep 0.2
  done
  echo "$(echo "$(date +%s.%N) - $start" | bc -l) $(peak_mb)"
  stop_host
}

download() { rm -rf "$work/dl"; measure aws --endpoint-url "$endpoint" s3 cp --recursive "s3://test-bucket/$1/" "$work/dl/" --only-show-errors | cut -d' ' -f1; }

read -r small_s small_rss < <(catch_up small "CREATE TABLE t (k BIGINT, name STRING, amount DECIMAL(10, 2)) DUPLICATE KEY(k)" \
  "SELECT c1, c2, c3" "\"format\" = \"csv\", \"column_separator\" = \",\"" $((small_files * 10)))
small_ref=$(download small)
log "small: job $small_s s, aws s3 cp $small_ref s"
read -r large_s large_rss < <(catch_up large "CREATE TABLE t (k BIGINT NOT NULL, name VARCHAR(32), amount DECIMAL(12, 2), qty INT, ratio DOUBLE, active BOOLEAN, day DATE, ts DATETIME, note STRING) DUPLICATE KEY(k)" \
  "SELECT c1, c2, c3, c4, c5, c6, c7, c8, c9" "\"format\" = \"csv\", \"column_separator\" = \",\", \"enclose\" = \"\\\"\"" "$rows")
large_ref=$(download large)
log "large: job $large_s s, aws s3 cp $large_ref s"

# Latency: one small object at a time, from the end of its upload until its rows are visible.
start_host
sql "CREATE TABLE t (k BIGINT, name STRING, amount DECIMAL(10, 2)) DUPLICATE KEY(k)" >/dev/null
sql "CREATE JOB lat PROPERTIES (\"max_interval\" = \"1\") ON STREAMING DO INSERT INTO bench.t SELECT c1, c2, c3 FROM S3(\"uri\" = \"s3://test-bucket/lat/*.csv\", \"format\" = \"csv\", \"column_separator\" = \",\", $params)" >/dev/null
: >"$work/latency"
for i in $(seq 1 "$latency_files"); do
  aws_s3 cp "$work/small/part-000000.csv" "s3://test-bucket/lat/$(printf '%05d' "$i").csv"
  uploaded=$(date +%s.%N)
  until [ "$(scalar 'SELECT count(*) FROM t')" = $((i * 10)) ]; do sleep 0.02; done
  echo "$(date +%s.%N) - $uploaded" | bc -l >>"$work/latency"
done
stop_host
sort -n "$work/latency" >"$work/latency.sorted"
p50=$(awk -v n="$latency_files" 'NR == int(n * 0.5 + 0.5) { printf "%.2f", $1 }' "$work/latency.sorted")
p99=$(awk -v n="$latency_files" 'NR == int(n * 0.99 + 0.5) { printf "%.2f", $1 }' "$work/latency.sorted")
log "latency p50 $p50 s, p99 $p99 s"

ratio() { printf '%.2f' "$(echo "$2 / $1" | bc -l)"; }
mkdir -p "$root/bench/out"
{
  echo "| Catch-up | Objects | Rows | MB | Job (s) | Rows/s | MB/s | aws s3 cp --recursive (s) | Job ÷ download speed | Peak RSS |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  printf '| small files | %d | %d | %d | %.1f | %.0f | %.1f | %.1f | **%s×** | %d MB |\n' "$small_files" $((small_files * 10)) "$small_mb" "$small_s" \
    "$(echo "$small_files * 10 / $small_s" | bc -l)" "$(echo "$small_mb / $small_s" | bc -l)" "$small_ref" "$(ratio "$small_s" "$small_ref")" "$small_rss"
  printf '| large files | %d | %d | %d | %.1f | %.0f | %.1f | %.1f | **%s×** | %d MB |\n' "$large_files" "$rows" "$large_mb" "$large_s" \
    "$(echo "$rows / $large_s" | bc -l)" "$(echo "$large_mb / $large_s" | bc -l)" "$large_ref" "$(ratio "$large_s" "$large_ref")" "$large_rss"
  echo
  echo "Arrival to visible (max_interval 1, $latency_files objects): p50 **$p50 s**, p99 **$p99 s**."
} | tee "$root/bench/out/streaming-jobs.md"
