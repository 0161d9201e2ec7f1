#!/usr/bin/env bash
# Login burst benchmark: how a burst of password checks slows another candidate's pages.
# Builds the release binary, starts the portal on SQLite or PostgreSQL, signs a candidate in,
# and runs bench/logins.py: the candidate's home page alone, then during 30 parallel browsers
# sending 90 wrong-password logins a second (every one a full argon2 check). Passwords are
# checked on threads of their own without a database connection, so the page should stay fast.
#
#   bench/logins.sh [sqlite|postgres]     (default: sqlite)
#
# Environment: LOGINS_PER_SECOND (default 90), PARALLEL (default 30), PHASE_SECONDS (default 10),
# PORT (default 18082), BENCH_POSTGRES_URL (default
# postgres://postgres@127.0.0.1:5432/postgres).
set -euo pipefail
cd "$(dirname "$0")/.."

BACKEND=${1:-sqlite}
PG_ADMIN_URL=${BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
PORT=${PORT:-18082}
BASE="http://127.0.0.1:$PORT"

echo "==> building the release binary"
cargo build --release --quiet --bin admitto
BIN=target/release/admitto

WORK=$(mktemp -d)
SERVER_PID=""
PG_DB=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  [ -n "$PG_DB" ] && psql "$PG_ADMIN_URL" -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

case "$BACKEND" in
  sqlite) export DATABASE_URL="sqlite://$WORK/admitto.db" ;;
  postgres)
    PG_DB="admitto_logins_$$"
    psql "$PG_ADMIN_URL" -qc "CREATE DATABASE $PG_DB" >/dev/null
    export DATABASE_URL="${PG_ADMIN_URL%/*}/$PG_DB" ;;
  *) echo "usage: bench/logins.sh [sqlite|postgres]" >&2; exit 2 ;;
esac

"$BIN" --data-dir "$WORK" migrate >/dev/null
"$BIN" --data-dir "$WORK" config apply admin-config >/dev/null
# The burst must reach the password checks: no throttle for it.
ADMITTO_LOGIN_THROTTLE__PER_ACCOUNT=1000000 ADMITTO_LOGIN_THROTTLE__PER_IP=1000000 \
  ADMITTO_LOG_LEVEL=warn "$BIN" --data-dir "$WORK" serve --bind "127.0.0.1:$PORT" --no-worker \
  >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "$BASE/healthz" >/dev/null || { cat "$WORK/server.log"; echo "server did not start" >&2; exit 1; }

echo "==> signing a candidate in"
JAR="$WORK/cookies"
csrf() { curl -s -c "$JAR" -b "$JAR" "$BASE/password/forgot" | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -n1; }
EMAIL="bench-login@example.com"
PASSWORD="bench password for load tests"
curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "csrf_token=$(csrf)" --data-urlencode "email=$EMAIL" \
  --data-urlencode "password=$PASSWORD" --data-urlencode "password_confirm=$PASSWORD" -d accept_privacy=yes "$BASE/register"
python3 bench/seed.py "$BACKEND" "$DATABASE_URL" login "$EMAIL" >/dev/null
STATUS=$(curl -s -o /dev/null -w '%{http_code}' -c "$JAR" -b "$JAR" --data-urlencode "csrf_token=$(csrf)" \
  --data-urlencode "email=$EMAIL" --data-urlencode "password=$PASSWORD" "$BASE/login")
[ "$STATUS" = "303" ] || { echo "login failed ($STATUS)" >&2; exit 1; }
COOKIE="admitto_session=$(awk '$6 == "admitto_session" { print $7 }' "$JAR"); admitto_lang=pl"

echo
echo "backend: $BACKEND, $(nproc) cores"
python3 bench/logins.py "$BASE" "$COOKIE" "${LOGINS_PER_SECOND:-90}" "${PARALLEL:-30}" "${PHASE_SECONDS:-10}"
