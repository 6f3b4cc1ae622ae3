#!/usr/bin/env bash
# The durable runtime on each backend, through the service's own stack (Durable Task SDK worker and
# client, the in-process sidecar): activity round trips per second (INSTANCES × ACTIVITIES chained calls,
# default 1,000 × 10) and the idle cost of IDLE_INSTANCES eternal orchestrations (default 1,024), each
# waiting on a 10 s timer and an external event, measured over IDLE_SECONDS (default 60) as CPU of the
# host process in % of one core. Backends: sqlite (a file) and azurestorage (Azurite, started for the run
# unless CLTEST_AZURITE names one). Peak RSS from /usr/bin/time. Results: bench/out/durable.md.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
instances=${INSTANCES:-1000}; activities=${ACTIVITIES:-10}
idle_instances=${IDLE_INSTANCES:-1024}; idle_seconds=${IDLE_SECONDS:-60}

publish_bench

# field NAME: the value of "NAME" in the JSON line the bench printed last.
field() { tail -n 1 "$work/out" | sed -E "s/.*\"$1\":\"?([^,\"}]*).*/\1/"; }

use_azurite
# target BACKEND: a fresh SQLite file, or the Azurite account with a fresh task hub (the bench uses "durablebench").
target() {
  if [ "$1" = sqlite ]; then rm -f "$work/durable-tasks.db"*; echo "$work/durable-tasks.db"
  else echo "$CLTEST_AZURITE"; fi
}
drop_hub() {
  [ "$1" = azurestorage ] || return 0
  "${bench[@]}" durable-drop-hub "$CLTEST_AZURITE" >/dev/null
}

lines=()
for backend in sqlite azurestorage; do
  drop_hub "$backend"
  read -r _ trips_kb < <(measure "${bench[@]}" durable-roundtrips "$backend" "$(target $backend)" "$instances" "$activities")
  trips=$(field roundTripsPerSecond); trips_s=$(field seconds)
  log "$backend: $trips activity round trips/s"
  drop_hub "$backend"
  read -r _ idle_kb < <(measure "${bench[@]}" durable-idle "$backend" "$(target $backend)" "$idle_instances" "$idle_seconds")
  cpu=$(field cpuPercentOfOneCore); running=$(field running); wake=$(field cpuMillisecondsPerWakeUp)
  log "$backend: $idle_instances idle orchestrations ($running running) cost $cpu% of one core, $wake ms of CPU per wake-up"
  drop_hub "$backend"
  lines+=("| $backend | $((instances * activities)) in $trips_s s | **$trips** | $((trips_kb / 1024)) MB | $running | **$cpu %** | $wake ms | $((idle_kb / 1024)) MB |")
done

mkdir -p "$root/bench/out"
{
  echo "| Backend | Activity calls | Round trips/s | Peak RSS | Idle instances running | Idle CPU (% of one core) | CPU per wake-up | Peak RSS |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${lines[@]}"
} | tee "$root/bench/out/durable.md"
