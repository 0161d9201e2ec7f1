#!/usr/bin/env bash
# Automation benchmark: N reminders due at the same minute. Builds the release binary, publishes
# the demo cycle with one more rule (a reminder to every draft, daily at a minute two minutes
# from now), seeds N candidates with a draft each, runs WORKERS `admitto worker` processes
# (email to files) and waits until every reminder is delivered. Prints how long the look that
# found them took, how long until the last was delivered, and the jobs per second the workers
# ran (each reminder is a rule_firing job and a send_email job).
#
#   bench/automation.sh [sqlite|postgres]     (default: sqlite)
#
# Environment: REMINDERS (default 10000), WORKERS (default 1), BENCH_POSTGRES_URL.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

REMINDERS=${REMINDERS:-10000}
WORKERS=${WORKERS:-1}

bench_database "${1:-sqlite}" automation
echo "==> migrating the $BACKEND database and publishing the demo cycle with a reminder rule"
"$BIN" --data-dir "$WORK" migrate >/dev/null
cp -r admin-config "$WORK/admin-config"
# Two minutes ahead (Warsaw time), so the workers have started and looked once before it.
AT=$(TZ=Europe/Warsaw date -d '+2 min' +%H:%M)
cat >>"$WORK/admin-config/automation.toml" <<TOML

[[rules]]
id = "bench-reminder"
name = { pl = "Przypomnienie (pomiar)", en = "Reminder (benchmark)" }
trigger = { daily = "$AT" }
statuses = ["draft"]
actions = [{ send = "draft-closing" }]
TOML
"$BIN" --data-dir "$WORK" config apply "$WORK/admin-config" >/dev/null
echo "==> seeding $REMINDERS candidates with a draft each; the reminder is due at $AT (Warsaw)"
python3 bench/seed.py "$BACKEND" "$DATABASE_URL" drafts "$REMINDERS"

echo "==> starting $WORKERS worker(s)"
PIDS=()
for i in $(seq 1 "$WORKERS"); do
  ADMITTO_LOG_LEVEL=warn ADMITTO_MAIL__BACKEND=file HOSTNAME="bench-worker-$i" \
    "$BIN" --data-dir "$WORK" worker >"$WORK/worker-$i.log" 2>&1 &
  PIDS+=($!)
done
stop_workers() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap 'stop_workers; bench_cleanup' EXIT

python3 bench/automation.py "$BACKEND" "$DATABASE_URL" "$REMINDERS" "$WORKERS"
