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

. bench/lib.sh

bench_database "${1:-sqlite}" logins
"$BIN" --data-dir "$WORK" migrate >/dev/null
"$BIN" --data-dir "$WORK" config apply admin-config >/dev/null
# The burst must reach the password checks: no throttle for it.
bench_serve "${PORT:-18082}" ADMITTO_LOGIN_THROTTLE__PER_ACCOUNT=1000000 ADMITTO_LOGIN_THROTTLE__PER_IP=1000000

echo "==> signing a candidate in"
EMAIL="bench-login@example.com"
bench_register "$EMAIL"
python3 bench/seed.py "$BACKEND" "$DATABASE_URL" login "$EMAIL" >/dev/null
COOKIE=$(bench_login "$EMAIL")

echo
echo "backend: $BACKEND, $(nproc) cores"
python3 bench/logins.py "$BASE" "$COOKIE" "${LOGINS_PER_SECOND:-90}" "${PARALLEL:-30}" "${PHASE_SECONDS:-10}"
