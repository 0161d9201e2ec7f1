#!/usr/bin/env bash
# Load benchmark: builds the release binary, starts the portal on SQLite or PostgreSQL with a
# prepared data set, and measures requests/s and latency (p50, p99) at 64 connections with wrk
# for /healthz, the logged-in candidate home page (three applications, each with its checklist
# evaluated), one step page of an application and the staff verification queue (all of it, and
# filtered by programme), plus the candidate pages' ratios to /healthz.
#
#   bench/run.sh [sqlite|postgres]     (default: sqlite)
#
# Environment: CANDIDATES (default 10000), APPLICATIONS_PER_CANDIDATE (default 3),
# DURATION (wrk seconds per page, default 10), CONNECTIONS (default 64),
# BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres).
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/lib.sh

CANDIDATES=${CANDIDATES:-10000}
PER_CANDIDATE=${APPLICATIONS_PER_CANDIDATE:-3}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}

command -v wrk >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
bench_database "${1:-sqlite}" bench

echo "==> migrating the $BACKEND database and publishing admin-config/"
"$BIN" --data-dir "$WORK" migrate >/dev/null
"$BIN" --data-dir "$WORK" config apply admin-config >/dev/null

echo "==> preparing $CANDIDATES candidates and $((CANDIDATES * PER_CANDIDATE)) applications"
python3 bench/seed.py "$BACKEND" "$DATABASE_URL" "$CANDIDATES" "$PER_CANDIDATE"

bench_serve "${PORT:-18080}"

echo "==> logging in as a candidate"
EMAIL="bench-login@example.com"
bench_register "$EMAIL"
APPLICATION=$(python3 bench/seed.py "$BACKEND" "$DATABASE_URL" login "$EMAIL")
COOKIE=$(bench_login "$EMAIL")
# Pages are read whole before grep: `curl | grep -q` fails under pipefail when grep stops early.
HOME_PAGE=$(curl -fs -H "Cookie: $COOKIE" "$BASE/")
grep -q "$EMAIL" <<<"$HOME_PAGE" || { echo "the home page is not the candidate's" >&2; exit 1; }
STEP="/applications/$APPLICATION/steps/personal"
STEP_PAGE=$(curl -fs -H "Cookie: $COOKIE" "$BASE$STEP")
grep -q 'name="pesel"' <<<"$STEP_PAGE" || { echo "the step page does not show the form" >&2; exit 1; }

echo "==> logging in as an admissions officer"
STAFF_EMAIL="bench-officer@example.com"
bench_register "$STAFF_EMAIL"
python3 bench/seed.py "$BACKEND" "$DATABASE_URL" staff "$STAFF_EMAIL"
STAFF_COOKIE=$(bench_login "$STAFF_EMAIL")
QUEUE="/staff/documents?program=informatyka-s1"
QUEUE_PAGE=$(curl -fs -H "Cookie: $STAFF_COOKIE" "$BASE$QUEUE")
grep -q 'href="/staff/documents/bench-doc-' <<<"$QUEUE_PAGE" || { echo "the verification queue is empty" >&2; exit 1; }

run() { # name path key [cookie]
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Cookie: ${4:-$COOKIE}" "$BASE$2")
  local rps p50 p99 errors
  rps=$(echo "$out" | awk '/Requests\/sec/ { print $2 }')
  p50=$(echo "$out" | awk '$1 == "50%" { print $2 }')
  p99=$(echo "$out" | awk '$1 == "99%" { print $2 }')
  errors=$(echo "$out" | awk '/Non-2xx/ { print $5 }')
  printf '%-26s %12s %10s %10s %8s\n' "$1" "$rps" "$p50" "$p99" "${errors:-0}"
  eval "RPS_$3=$rps"
}

echo
echo "backend: $BACKEND, connections: $CONNECTIONS, duration: ${DURATION}s per page, $(nproc) cores"
printf '%-26s %12s %10s %10s %8s\n' page "req/s" p50 p99 non-2xx
run "/healthz" /healthz health
run "/ (candidate home)" / home
run "step page (personal)" "$STEP" step
run "verification queue" /staff/documents queue "$STAFF_COOKIE"
run "queue, one programme" "$QUEUE" queue_program "$STAFF_COOKIE"
python3 -c "print(f'candidate home / healthz throughput ratio: {$RPS_home / $RPS_health:.2f}')"
python3 -c "print(f'step page / healthz throughput ratio: {$RPS_step / $RPS_health:.2f}')"
