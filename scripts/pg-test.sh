#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests: trust auth, no fsync, loopback only, a free port.
#
#   eval "$(scripts/pg-test.sh)"          # start; stdout is only `export …` lines:
#                                         #   DATABASE_URL=postgres://postgres@127.0.0.1:PORT/yardstick_test
#                                         #   YARDSTICK_PG_DIR=/tmp/yardstick-pg.XXXXXX
#   scripts/pg-test.sh stop "$YARDSTICK_PG_DIR"   # stop the server and delete its folder
#
# Installs the Debian `postgresql` package (after `apt-get update`) only when no `initdb` is
# found. initdb refuses to run as root, so as root the cluster is created and run as the
# `postgres` user (created if missing). Progress goes to stderr.
set -euo pipefail

log() { echo "pg-test: $*" >&2; }

# The folder holding initdb/pg_ctl/createdb: the one on PATH, else the newest Debian cluster version.
find_bindir() {
  if command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"
    return
  fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -n "$dir" && -x "$dir/initdb" ]]; then echo "$dir"; fi
}

install_postgres() {
  log "initdb not found; installing postgresql with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql >&2
}

# Runs a command as the cluster's owner: `postgres` when we are root, ourselves otherwise.
as_owner() {
  if [[ $(id -u) -ne 0 ]]; then
    "$@"
  elif command -v runuser >/dev/null 2>&1; then
    runuser -u postgres -- "$@"
  else
    su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
  fi
}

ensure_owner() {
  [[ $(id -u) -eq 0 ]] || return 0
  if ! id postgres >/dev/null 2>&1; then
    log "creating the postgres user"
    useradd --system --user-group --no-create-home --shell /bin/sh postgres
  fi
}

port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start() {
  local bindir dir port tries
  bindir=$(find_bindir)
  if [[ -z "$bindir" ]]; then
    install_postgres
    bindir=$(find_bindir)
    [[ -n "$bindir" ]] || { log "no initdb after installing postgresql"; exit 1; }
  fi
  ensure_owner
  dir=$(mktemp -d /tmp/yardstick-pg.XXXXXX)
  chmod 755 "$dir"
  [[ $(id -u) -ne 0 ]] || chown postgres: "$dir"
  as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; log "initdb failed"; exit 1; }
  for tries in 1 2 3 4 5 6 7 8; do
    port=$((20000 + RANDOM % 40000))
    port_is_free "$port" || continue
    if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >&2; then
      as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres yardstick_test >&2
      log "PostgreSQL $("$bindir/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port, folder $dir"
      echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$port/yardstick_test"
      echo "export YARDSTICK_PG_DIR=$dir"
      return 0
    fi
    log "start on port $port failed (attempt $tries); retrying on another port"
    tail -n 5 "$dir/server.log" >&2 || true
  done
  log "could not start PostgreSQL"
  exit 1
}

stop() {
  local dir=${1:-} bindir
  [[ -n "$dir" && -f "$dir/data/PG_VERSION" ]] || { log "usage: $0 stop DIR (a folder this script created)"; exit 2; }
  bindir=$(find_bindir)
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || log "pg_ctl stop failed"
  fi
  rm -rf -- "$dir"
}

case "${1:-start}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) log "usage: $0 [start] | $0 stop DIR"; exit 2 ;;
esac
