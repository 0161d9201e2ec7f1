#!/usr/bin/env bash
# Statement import benchmark: the time and peak memory of `admitto payments import` on an MT940
# file of LINES lines (default 100,000: a quarter of them credits, each to a candidate's account
# number, with a two-line :86: text in Windows-1250 holding colons), then of importing the same
# file again (every credit recognised as imported before). Builds the release binary and runs
# on a fresh SQLite database, or on a new PostgreSQL database with `postgres`.
#
#   bench/statements.sh            # or: bench/statements.sh postgres
#
# Environment: LINES (default 100000), PG_URL (default postgres://postgres@127.0.0.1:5432).
set -euo pipefail
cd "$(dirname "$0")/.."

BACKEND=${1:-sqlite}
LINES=${LINES:-100000}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}

echo "==> building the release binary"
cargo build --release --quiet --bin admitto
BIN=$PWD/target/release/admitto

WORK=$(mktemp -d)
DB_NAME="admitto_bench_statements_$$"
cleanup() {
  if [ "$BACKEND" = postgres ]; then
    psql "$PG_URL/postgres" -qc "DROP DATABASE IF EXISTS $DB_NAME" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
if [ "$BACKEND" = postgres ]; then
  psql "$PG_URL/postgres" -qc "CREATE DATABASE $DB_NAME" >/dev/null
  export DATABASE_URL="$PG_URL/$DB_NAME"
else
  export DATABASE_URL="sqlite://$WORK/admitto.db"
fi
export ADMITTO_LOG_LEVEL=warn
"$BIN" --data-dir "$WORK" migrate >/dev/null

echo "==> writing a $LINES-line MT940 statement"
FILE="$WORK/statement.sta"
python3 - "$FILE" "$LINES" <<'PY'
import sys
path, lines = sys.argv[1], int(sys.argv[2])
prefix = "10901014999999"  # the demo's account prefix (`--demo`)

def account(number):
    bban = prefix + f"{number:0{24 - len(prefix)}d}"
    check = 98 - int(bban + "252100") % 97
    return f"{check:02d}{bban}"

credits = max(1, (lines - 6) // 4)
out = ["{1:F01BPKOPLPWAXXX0000000000}{2:I940BPKOPLPWXXXXN}{4:", ":20:BENCH/1",
       ":25:/PL61109010140000071219812874", ":28C:00001/1", ":60F:C260714PLN0,00"]
total = 0
for i in range(credits):
    amount = 8500 + (i % 3) * 1500
    total += amount
    out.append(f":61:2607150716C{amount // 100},{amount % 100:02d}NTRFNONREF//B{i:010d}")
    out.append(f":86:020~00TRAN~20Opłata rekrutacyjna 20:44:{i % 60:02d}~21zgłoszenie {i}")
    out.append(f"~27Zażółć Gęślą Jaźń~28ul. Łąkowa {i % 200 + 1}~2900-950 Warszawa")
    out.append(f"~31{account(i + 1)}")
out.append(f":62F:C260716PLN{total // 100},{total % 100:02d}")
out.append("-}")
open(path, "wb").write("\r\n".join(out).encode("cp1250"))
print(f"    {len(out)} lines, {credits} credits, {sum(len(l) + 2 for l in out) / 1e6:.1f} MB")
PY

run() {
  python3 - "$BIN" "$WORK" "$FILE" <<'PY'
import resource, subprocess, sys, time
bin, work, file = sys.argv[1:4]
started = time.monotonic()
out = subprocess.run([bin, "--data-dir", work, "payments", "import", "--demo", file],
                     capture_output=True, text=True)
took = time.monotonic() - started
if out.returncode != 0:
    sys.exit(out.stderr)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"    {out.stdout.strip()}")
print(f"    took {took:.2f} s, peak RSS {peak:.1f} MiB")
PY
}
echo "==> importing it ($BACKEND)"
run
echo "==> importing the same file again"
run
