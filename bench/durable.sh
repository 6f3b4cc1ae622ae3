#!/usr/bin/env bash
# The durable runtime on each store: activity round trips per second (INSTANCES × ACTIVITIES chained
# calls, default 1,000 × 10) and the idle cost of IDLE_INSTANCES eternal orchestrations (default 1,024)
# each waiting on a 10 s timer and an external event, measured over IDLE_SECONDS (default 60): CPU of
# the worker process as a percentage of one core, and store statements per second. Peak RSS from
# /usr/bin/time. Results: bench/out/durable.md.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
instances=${INSTANCES:-1000}; activities=${ACTIVITIES:-10}
idle_instances=${IDLE_INSTANCES:-1024}; idle_seconds=${IDLE_SECONDS:-60}

dotnet build -c Release "$root/bench/ContinuousLoad.Bench" -o "$work/bin" --nologo -v quiet -clp:ErrorsOnly >/dev/null
bench=(dotnet "$work/bin/ContinuousLoad.Bench.dll")

# field NAME: the value of "NAME" in the JSON line the bench printed last.
field() { tail -n 1 "$work/out" | sed -E "s/.*\"$1\":\"?([^,\"}]*).*/\1/"; }

use_postgres
fresh_store() {
  if [ "$1" = sqlite ]; then rm -f "$work/durable.db"*; echo "$work/durable.db"
  else "${psql_cmd[@]}" -c "DROP SCHEMA IF EXISTS cl_durable_bench CASCADE" >/dev/null 2>&1; echo "$CLTEST_POSTGRES"; fi
}

lines=()
for store in sqlite postgres; do
  read -r _ trips_kb < <(measure "${bench[@]}" durable-roundtrips "$store" "$(fresh_store $store)" "$instances" "$activities")
  trips=$(field roundTripsPerSecond); trips_s=$(field seconds); trips_statements=$(field statements)
  log "$store: $trips activity round trips/s"
  read -r _ idle_kb < <(measure "${bench[@]}" durable-idle "$store" "$(fresh_store $store)" "$idle_instances" "$idle_seconds")
  cpu=$(field cpuPercentOfOneCore); statements=$(field statementsPerSecond); running=$(field running)
  log "$store: $idle_instances idle orchestrations ($running running) cost $cpu% of one core, $statements statements/s"
  lines+=("| $store | $((instances * activities)) in $trips_s s | **$trips** | $((trips_statements / (instances * activities))) | $((trips_kb / 1024)) MB | $running | **$cpu %** | $statements | $((idle_kb / 1024)) MB |")
done
fresh_store postgres >/dev/null

mkdir -p "$root/bench/out"
{
  echo "| Store | Activity calls | Round trips/s | Statements per call | Peak RSS | Idle instances running | Idle CPU (% of one core) | Idle statements/s | Peak RSS |"
  echo "|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${lines[@]}"
} | tee "$root/bench/out/durable.md"
