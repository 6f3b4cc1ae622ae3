#!/usr/bin/env bash
# Installs what the tests need and is missing; does nothing when everything is there.
#   apt: postgresql, mariadb-server, sqlite3 (and nodejs/npm if absent); npm: s3rver and azurite into the tool cache.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v psql >/dev/null || missing+=(postgresql-client)
{ command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ]; } || missing+=(mariadb-server)
command -v mariadb >/dev/null || missing+=(mariadb-client)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
command -v curl >/dev/null || missing+=(curl)

if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || die "missing packages: ${missing[*]}; install them (sudo apt-get install ${missing[*]}) and rerun"
  log "installing ${missing[*]}"
  # Keep package scripts from starting system-wide services: the tests start their own servers.
  policy=/usr/sbin/policy-rc.d; made_policy=false
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod +x "$policy"; made_policy=true; fi
  trap '[ "$made_policy" = true ] && rm -f "$policy"' EXIT
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

s3rver_home="$(tool_cache)/s3rver"
if [ ! -f "$s3rver_home/node_modules/s3rver/bin/s3rver.js" ]; then
  log "installing s3rver 3.7.1 into $s3rver_home"
  mkdir -p "$s3rver_home"
  npm install --prefix "$s3rver_home" --no-audit --no-fund --no-save --loglevel=error s3rver@3.7.1 >/dev/null
fi

azurite_home="$(tool_cache)/azurite"
if [ ! -f "$azurite_home/node_modules/azurite/dist/src/azurite.js" ]; then
  log "installing azurite 3.37.0 into $azurite_home"
  mkdir -p "$azurite_home"
  npm install --prefix "$azurite_home" --no-audit --no-fund --no-save --loglevel=error azurite@3.37.0 >/dev/null 2>&1 \
    || die "npm could not install azurite 3.37.0"
fi
