#!/usr/bin/env bash
# Exam booking benchmark: the booking page and booking itself at 64 connections. Builds the
# release binary, starts the portal on SQLite or PostgreSQL with the demo's cycle (the drawing
# exam's first session made large enough for everyone, its second left at 50 seats), seeds
# candidates with submitted architecture applications and signs them in, then:
#   - wrk reads one candidate's booking page (its sessions by day with the seats left);
#   - bench/exams.py has every candidate book the first session, cancel it, and race for the
#     second session's 50 seats (it fails unless exactly 50 get one).
#
#   bench/exams.sh [sqlite|postgres]     (default: sqlite)
#
# Environment: CANDIDATES (default 640), CONNECTIONS (default 64), DURATION (wrk seconds,
# default 10), PORT (default 18084), BENCH_POSTGRES_URL.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

CANDIDATES=${CANDIDATES:-640}
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-10}
command -v wrk >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

bench_database "${1:-sqlite}" exams
echo "==> migrating the $BACKEND database and publishing the demo cycle"
"$BIN" --data-dir "$WORK" migrate >/dev/null
cp -r admin-config "$WORK/admin-config"
# The first drawing session holds everyone; the second keeps 45 + 5 = 50 seats.
python3 - "$WORK/admin-config/programs/architecture.toml" <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
text = text.replace("capacity = 45", "capacity = 100000", 1).replace("capacity = 45", "capacity = 50", 1)
open(path, "w", encoding="utf-8").write(text)
PY
"$BIN" --data-dir "$WORK" config apply "$WORK/admin-config" >/dev/null

bench_serve "${PORT:-18084}" ADMITTO_LOGIN_THROTTLE__PER_ACCOUNT=1000000 ADMITTO_LOGIN_THROTTLE__PER_IP=1000000
echo "==> seeding $CANDIDATES candidates with submitted architecture applications"
bench_register bench-examinee-template@example.com
python3 bench/seed.py "$BACKEND" "$DATABASE_URL" examinees bench-examinee-template@example.com "$CANDIDATES"

echo
echo "backend: $BACKEND, connections: $CONNECTIONS, $(nproc) cores"
COOKIE=$(bench_login examinee0@bench.example)
PAGE=/applications/bench-exam-app-0/exams/drawing
BODY=$(curl -fs -H "Cookie: $COOKIE" "$BASE$PAGE")
grep -q 'name="session" value="2027-07-05"' <<<"$BODY" || { echo "the booking page lists no sessions" >&2; exit 1; }
bench_wrk "booking page (GET)" "$PAGE" "$COOKIE" "$CONNECTIONS" "$DURATION"
python3 bench/exams.py "$BASE" "$BENCH_PASSWORD" "$CANDIDATES" "$CONNECTIONS" bench-exam-app-
BOOKED=$(python3 bench/seed.py "$BACKEND" "$DATABASE_URL" booked 2027-07-07)
[ "$BOOKED" = "50" ] || { echo "the second session has $BOOKED bookings, not 50" >&2; exit 1; }
echo "the database agrees: 50 bookings of the 50-seat session"
