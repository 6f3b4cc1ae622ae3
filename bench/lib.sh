# Shared by bench/*.sh; sourced, never run on its own. Sets root, rows (ROWS, default 5 million) and
# a scratch folder removed at exit, and gives every contender the same stopwatch.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/tests/servers/lib.sh"
rows=${ROWS:-5000000}
work=$(mktemp -d -t continuousload-bench.XXXXXX)
chmod 755 "$work"
started_postgres=false
started_azurite=false
at_exit=()
bench_cleanup() {
  local i
  # Last registered, first undone: a database is dropped before the server it lives on stops.
  for ((i = ${#at_exit[@]} - 1; i >= 0; i--)); do eval "${at_exit[i]}" || true; done
  if [ "$started_postgres" = true ]; then "$root/tests/servers/postgres.sh" stop "$work/postgres" || true; fi
  if [ "$started_azurite" = true ]; then "$root/tests/servers/azurite.sh" stop "$work/azurite" || true; fi
  rm -rf "$work"
}
trap bench_cleanup EXIT

# measure COMMAND...: prints "seconds peak_rss_kb" (from /usr/bin/time); the output stays in $work/out.
measure() { /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>&1 || { cat "$work/out" >&2; exit 1; }; cat "$work/time"; }

# use_postgres: the PostgreSQL of CLTEST_POSTGRES, or one started for the run; sets psql_cmd.
use_postgres() {
  if [ -z "${CLTEST_POSTGRES:-}" ]; then
    "$root/tests/servers/postgres.sh" start "$work/postgres"
    started_postgres=true
    . "$work/postgres/env"
  fi
  psql_cmd=(psql -X -q -v ON_ERROR_STOP=1 -h "$(conn_value "$CLTEST_POSTGRES" host)" -p "$(conn_value "$CLTEST_POSTGRES" port)"
    -U "$(conn_value "$CLTEST_POSTGRES" username)" -d postgres)
}

# use_azurite: the Azurite of CLTEST_AZURITE, or one started for the run (installed if missing).
use_azurite() {
  if [ -z "${CLTEST_AZURITE:-}" ]; then
    "$root/tests/servers/install.sh"
    "$root/tests/servers/azurite.sh" start "$work/azurite"
    started_azurite=true
    . "$work/azurite/env"
  fi
}

# publish_bench: the bench program published ReadyToRun (precompiled, as a deployed service would be, so
# whole-process times are not mostly JIT) into $work/bin; sets bench.
publish_bench() {
  dotnet publish -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true "$root/bench/ContinuousLoad.Bench" -o "$work/bin" \
    --nologo -v quiet -clp:ErrorsOnly >/dev/null
  bench=(dotnet "$work/bin/ContinuousLoad.Bench.dll")
}
