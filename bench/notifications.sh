#!/usr/bin/env bash
# Payment notification benchmark: how many signed gateway notifications the portal handles a
# second. Builds the release binary, starts the portal in demo mode (its sandbox gateway) on
# SQLite or PostgreSQL, opens SESSIONS checkouts with seed.py, then bench/notifications.py pays
# each with its own notification (every one verified on its bytes and credited: the order, its
# history, the application's history and the confirmation email in one transaction) and sends
# one of them REPEATS times more (each recognised as applied before). At the end every fee must
# be paid exactly once.
#
#   bench/notifications.sh [sqlite|postgres]     (default: sqlite)
#
# Environment: SESSIONS (default 2000), PARALLEL (default 16), REPEATS (default 2000),
# PORT (default 18083), BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres).
set -euo pipefail
cd "$(dirname "$0")/.."

BACKEND=${1:-sqlite}
PG_ADMIN_URL=${BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
PORT=${PORT:-18083}
BASE="http://127.0.0.1:$PORT"
SESSIONS=${SESSIONS:-2000}
export ADMITTO_SECRET_KEY="bench-notifications-secret-key-0123456789abcdef"

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
    PG_DB="admitto_notifications_$$"
    psql "$PG_ADMIN_URL" -qc "CREATE DATABASE $PG_DB" >/dev/null
    export DATABASE_URL="${PG_ADMIN_URL%/*}/$PG_DB" ;;
  *) echo "usage: bench/notifications.sh [sqlite|postgres]" >&2; exit 2 ;;
esac

ADMITTO_LOG_LEVEL=warn "$BIN" --data-dir "$WORK" serve --demo --bind "127.0.0.1:$PORT" --no-worker \
  >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 300); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "$BASE/healthz" >/dev/null || { cat "$WORK/server.log"; echo "server did not start" >&2; exit 1; }

echo "==> opening $SESSIONS checkouts"
python3 bench/seed.py "$BACKEND" "$DATABASE_URL" fees "$SESSIONS"

echo
echo "backend: $BACKEND, $(nproc) cores"
python3 bench/notifications.py "$BASE" "$ADMITTO_SECRET_KEY" "$SESSIONS" "${PARALLEL:-16}" "${REPEATS:-2000}"

paid=$(python3 - "$BACKEND" "$DATABASE_URL" <<'PY'
import sys
sys.path.insert(0, "bench")
from seed import query
print(query(sys.argv[1], sys.argv[2],
            "SELECT COUNT(*) FROM fee_orders WHERE id LIKE 'bench-order-%' AND status = 'paid'"))
PY
)
entries=$(python3 - "$BACKEND" "$DATABASE_URL" <<'PY'
import sys
sys.path.insert(0, "bench")
from seed import query
print(query(sys.argv[1], sys.argv[2],
            "SELECT COUNT(*) FROM fee_order_events WHERE order_id LIKE 'bench-order-%' AND to_status = 'paid'"))
PY
)
echo "fees paid: $paid of $SESSIONS; paid entries in the fees' histories: $entries"
if grep -qiE '"level":"(ERROR|WARN)"|ERROR|WARN' "$WORK/server.log"; then
  echo "the server logged:"
  grep -iE 'ERROR|WARN' "$WORK/server.log" | sort | uniq -c | sort -rn | head -n 5
fi
[ "$paid" = "$SESSIONS" ] && [ "$entries" = "$SESSIONS" ] || { echo "every fee must be paid exactly once" >&2; exit 1; }
