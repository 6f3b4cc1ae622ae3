#!/usr/bin/env bash
# A throwaway Azure Storage emulator (Azurite: blobs, queues, tables) on 127.0.0.1, on free ports.
#   tests/servers/azurite.sh start DIR   then  . DIR/env   (exports CLTEST_AZURITE, a connection string)
#   tests/servers/azurite.sh stop DIR
set -euo pipefail
. "$(dirname "$0")/lib.sh"
command=${1:?start|stop}; dir=${2:?state folder}

# Azurite's well-known development account (public; the same in every installation).
account=devstoreaccount1
key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

case $command in
start)
  script="$(tool_cache)/azurite/node_modules/azurite/dist/src/azurite.js"
  [ -f "$script" ] || die "azurite is not installed (tests/servers/install.sh installs it)"
  blob=$(free_port "${CLTEST_AZURITE_PORT:-10100}"); queue=$(free_port $((blob + 1))); table=$(free_port $((queue + 1)))
  mkdir -p "$dir/data"
  node "$script" --location "$dir/data" --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
    --tableHost 127.0.0.1 --tablePort "$table" --disableTelemetry --skipApiVersionCheck --loose --silent >"$dir/azurite.log" 2>&1 &
  echo $! >"$dir/server.pid"
  for port in "$blob" "$queue" "$table"; do
    wait_until 60 "$(cat "$dir/server.pid")" azurite port_open "$port" || { cat "$dir/azurite.log" >&2; exit 1; }
  done
  conn="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$key"
  conn="$conn;BlobEndpoint=http://127.0.0.1:$blob/$account;QueueEndpoint=http://127.0.0.1:$queue/$account;TableEndpoint=http://127.0.0.1:$table/$account"
  echo "export CLTEST_AZURITE='$conn'" >"$dir/env"
  log "azurite on 127.0.0.1:$blob (blobs), :$queue (queues), :$table (tables)"
  ;;
stop)
  stop_pid "$dir/server.pid"
  ;;
*) die "usage: $0 start|stop DIR" ;;
esac
