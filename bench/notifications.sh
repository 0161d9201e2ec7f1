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

. bench/lib.sh

SESSIONS=${SESSIONS:-2000}
export ADMITTO_SECRET_KEY="bench-notifications-secret-key-0123456789abcdef"
bench_database "${1:-sqlite}" notifications
SERVE_ARGS=--demo bench_serve "${PORT:-18083}"

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
