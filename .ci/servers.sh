#!/usr/bin/env bash
# Starts or stops the Redis and PostgreSQL servers that the store tests run against.
#
#   bash .ci/servers.sh start   installs what is missing (apt-get), starts both servers unless they already answer
#                               on their ports, waits until they do, and prints the variables to export:
#                                 export TEST_REDIS_URL=redis://127.0.0.1:6390
#                                 export TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5433/study_test
#                               so `eval "$(bash .ci/servers.sh start)"` sets them in the calling shell.
#   bash .ci/servers.sh stop    stops the servers that `start` started (never ones it found running) and removes
#                               their data.
#
# Both are idempotent. Everything but the export lines goes to stderr. The servers are for tests only: Redis keeps
# nothing on disk, PostgreSQL trusts every local connection and runs without fsync.
set -euo pipefail

REDIS_PORT="${STUDY_REDIS_PORT:-6390}"
POSTGRES_PORT="${STUDY_POSTGRES_PORT:-5433}"
POSTGRES_DB=study_test
# Data, logs and pid files of the servers this script starts; its presence marks a server as started here.
STATE_ROOT="${STUDY_SERVERS_DIR:-/tmp/study-bot-servers}"
REDIS_DIR="$STATE_ROOT/redis-$REDIS_PORT"
POSTGRES_DIR="$STATE_ROOT/postgres-$POSTGRES_PORT"
WAIT_SECONDS=30

say() { echo "servers: $*" >&2; }
fail() {
	say "$*"
	exit 1
}

as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null; then
		sudo "$@"
	else
		fail "need root to run: $* (or install redis-server and postgresql yourself)"
	fi
}

# The newest PostgreSQL server binaries: on PATH (Homebrew and others) or in Debian's versioned folders.
postgres_bin() {
	if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
		dirname "$(command -v pg_ctl)"
		return
	fi
	local dir
	dir="$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)"
	if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; fi
}

install_missing() {
	local packages=()
	command -v redis-server >/dev/null || packages+=(redis-server)
	if [ -z "$(postgres_bin)" ] || ! command -v psql >/dev/null; then packages+=(postgresql); fi
	if [ "${#packages[@]}" -eq 0 ]; then return; fi
	say "installing ${packages[*]}"
	as_root apt-get update >&2
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}" >&2
}

redis_answers() {
	# PING over bash's /dev/tcp, so that no client is needed to see whether something already serves the port.
	local reply=''
	{ exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT"; } 2>/dev/null || return 1
	printf 'PING\r\n' >&3
	IFS= read -r -t 2 reply <&3 || true
	exec 3>&-
	[ "${reply%$'\r'}" = '+PONG' ]
}

postgres_answers() {
	"$(postgres_bin)/pg_isready" -q -h 127.0.0.1 -p "$POSTGRES_PORT" 2>/dev/null ||
		pg_isready -q -h 127.0.0.1 -p "$POSTGRES_PORT" 2>/dev/null
}

port_taken() {
	{ exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
	exec 3>&-
}

wait_for() {
	local what="$1" check="$2" waited=0
	until "$check"; do
		if [ "$waited" -ge $((WAIT_SECONDS * 10)) ]; then fail "$what did not answer within ${WAIT_SECONDS}s"; fi
		sleep 0.1
		waited=$((waited + 1))
	done
}

# Runs a command as the user that owns the PostgreSQL data: `postgres` when this script runs as root (initdb and
# postgres refuse root), the current user otherwise.
as_postgres() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

start_redis() {
	if redis_answers; then
		say "reusing the Redis server on 127.0.0.1:$REDIS_PORT"
		return
	fi
	if port_taken "$REDIS_PORT"; then fail "127.0.0.1:$REDIS_PORT is taken by something that is not Redis"; fi
	rm -rf "$REDIS_DIR"
	mkdir -p "$REDIS_DIR"
	redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --daemonize yes \
		--dir "$REDIS_DIR" --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" >&2
	wait_for "Redis on 127.0.0.1:$REDIS_PORT" redis_answers
	say "started Redis on 127.0.0.1:$REDIS_PORT (log: $REDIS_DIR/redis.log)"
}

start_postgres() {
	local bin
	bin="$(postgres_bin)"
	if postgres_answers; then
		say "reusing the PostgreSQL server on 127.0.0.1:$POSTGRES_PORT"
	else
		if port_taken "$POSTGRES_PORT"; then fail "127.0.0.1:$POSTGRES_PORT is taken by something that is not PostgreSQL"; fi
		rm -rf "$POSTGRES_DIR"
		mkdir -p "$POSTGRES_DIR"
		chmod 755 "$STATE_ROOT" 2>/dev/null || true
		if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$POSTGRES_DIR"; fi
		as_postgres "$bin/initdb" -D "$POSTGRES_DIR/data" -U postgres --auth=trust -E UTF8 --no-locale >"$POSTGRES_DIR/initdb.log" 2>&1 ||
			fail "initdb failed; see $POSTGRES_DIR/initdb.log"
		as_postgres "$bin/pg_ctl" -D "$POSTGRES_DIR/data" -l "$POSTGRES_DIR/postgres.log" -w -t "$WAIT_SECONDS" \
			-o "-p $POSTGRES_PORT -c listen_addresses=127.0.0.1 -k $POSTGRES_DIR -c fsync=off -c full_page_writes=off" \
			start >&2 || fail "PostgreSQL did not start; see $POSTGRES_DIR/postgres.log"
		wait_for "PostgreSQL on 127.0.0.1:$POSTGRES_PORT" postgres_answers
		say "started PostgreSQL on 127.0.0.1:$POSTGRES_PORT (log: $POSTGRES_DIR/postgres.log)"
	fi
	local exists
	exists="$(psql -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres -d postgres -tAc \
		"SELECT 1 FROM pg_database WHERE datname = '$POSTGRES_DB'")" ||
		fail "cannot connect to PostgreSQL on 127.0.0.1:$POSTGRES_PORT as postgres without a password"
	if [ "$exists" != 1 ]; then
		psql -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres -d postgres -qc "CREATE DATABASE $POSTGRES_DB" >&2
		say "created database $POSTGRES_DB"
	fi
}

stop_redis() {
	[ -f "$REDIS_DIR/redis.pid" ] || return 0
	local pid
	pid="$(cat "$REDIS_DIR/redis.pid")"
	# A stale pid file may name a process that is no longer this Redis.
	if grep -q redis "/proc/$pid/comm" 2>/dev/null && kill "$pid" 2>/dev/null; then
		while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
		say "stopped Redis on 127.0.0.1:$REDIS_PORT"
	fi
	rm -rf "$REDIS_DIR"
}

stop_postgres() {
	[ -d "$POSTGRES_DIR/data" ] || return 0
	local bin
	bin="$(postgres_bin)"
	if [ -f "$POSTGRES_DIR/data/postmaster.pid" ]; then
		as_postgres "$bin/pg_ctl" -D "$POSTGRES_DIR/data" -m fast -w stop >&2 && say "stopped PostgreSQL on 127.0.0.1:$POSTGRES_PORT"
	fi
	rm -rf "$POSTGRES_DIR"
}

case "${1:-}" in
start)
	install_missing
	start_redis
	start_postgres
	echo "export TEST_REDIS_URL=redis://127.0.0.1:$REDIS_PORT"
	echo "export TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$POSTGRES_PORT/$POSTGRES_DB"
	;;
stop)
	stop_redis
	stop_postgres
	;;
*)
	echo "usage: bash .ci/servers.sh start|stop" >&2
	exit 2
	;;
esac
