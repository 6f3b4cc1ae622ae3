# Helpers shared by the server scripts. Sourced, never run on its own.
# Servers bind 127.0.0.1 only; every process started is recorded by PID in its state folder.

log() { printf '[servers] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Where downloaded tools (s3rver) are kept between runs, outside the repository.
tool_cache() { echo "${CONTINUOUSLOAD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/continuousload}"; }

# True when something accepts TCP connections on 127.0.0.1:$1 (or $2:$1).
port_open() { (exec 3<>"/dev/tcp/${2:-127.0.0.1}/$1") 2>/dev/null; }

# The first port at or above $1 that nothing on loopback listens on.
free_port() {
  local port=$1
  while port_open "$port"; do port=$((port + 1)); done
  echo "$port"
}

# Runs a command as a service account when we are root (servers refuse to run as root), else as ourselves.
as_user() {
  local user=$1; shift
  if [ "$(id -u)" -eq 0 ]; then runuser -u "$user" -- "$@"; else "$@"; fi
}

# Hands a folder to a service account when we are root.
own_by() { if [ "$(id -u)" -eq 0 ]; then chown -R "$1:$1" "$2"; fi; }

# wait_until SECONDS PID DESCRIPTION COMMAND...: polls COMMAND until it succeeds; fails early if PID dies.
wait_until() {
  local seconds=$1 pid=$2 what=$3; shift 3
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then log "error: $what exited while starting"; return 1; fi
    if [ $SECONDS -ge $deadline ]; then log "error: $what did not become ready within ${seconds}s"; return 1; fi
    sleep 0.2
  done
}

# stop_pid FILE: ends the process recorded in FILE (TERM, then KILL after 30 s) and removes FILE.
stop_pid() {
  local file=$1 pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

# The value of KEY in a semicolon-separated connection string ("Host=a;Port=1"), case-insensitive.
conn_value() {
  local conn=$1 key=$2 part
  IFS=';' read -ra parts <<<"$conn"
  for part in "${parts[@]}"; do
    if [ "${part%%=*}" != "$part" ] && [ "$(echo "${part%%=*}" | tr '[:upper:]' '[:lower:]' | tr -d ' ')" = "$key" ]; then
      echo "${part#*=}"; return 0
    fi
  done
  return 1
}
