#!/usr/bin/env bash
# A throwaway S3 endpoint (s3rver) on 127.0.0.1 with the bucket test-bucket.
#   tests/servers/s3.sh start DIR   then  . DIR/env   (exports CLTEST_S3)
#   tests/servers/s3.sh stop DIR
set -euo pipefail
. "$(dirname "$0")/lib.sh"
command=${1:?start|stop}; dir=${2:?state folder}

case $command in
start)
  script="$(tool_cache)/s3rver/node_modules/s3rver/bin/s3rver.js"
  [ -f "$script" ] || die "s3rver is not installed (tests/servers/install.sh installs it)"
  port=$(free_port "${CLTEST_S3_PORT:-4568}")
  mkdir -p "$dir/data"
  # Without the legacy OpenSSL provider every paginated listing of s3rver 3.7 answers 500.
  node --openssl-legacy-provider "$script" -d "$dir/data" -a 127.0.0.1 -p "$port" \
    --no-vhost-buckets --configure-bucket test-bucket --silent >"$dir/s3.log" 2>&1 &
  echo $! >"$dir/server.pid"
  wait_until 60 "$(cat "$dir/server.pid")" s3rver curl -sf -o /dev/null "http://127.0.0.1:$port/" \
    || { cat "$dir/s3.log" >&2; exit 1; }
  echo "export CLTEST_S3='ServiceUrl=http://127.0.0.1:$port;AccessKey=S3RVER;SecretKey=S3RVER;Region=us-east-1;Bucket=test-bucket'" >"$dir/env"
  log "s3rver on 127.0.0.1:$port (bucket test-bucket)"
  ;;
stop)
  stop_pid "$dir/server.pid"
  ;;
*) die "usage: $0 start|stop DIR" ;;
esac
