#!/usr/bin/env bash
# Memory benchmark: how much the server's resident memory (RSS) grows while 20 candidates each
# upload a 10 MB PDF at the same moment. Uploads are streamed to storage in parts, so the growth
# should stay far below 20 × 10 MB. Builds the release binary, starts the portal on SQLite with
# local file storage, warms it up with one upload, then sends the uploads in parallel with curl
# while sampling /proc/PID/status; the peak is VmHWM after resetting it just before.
#
#   bench/uploads.sh
#
# Environment: UPLOADS (default 20), FILE_BYTES (default 10000000), PORT (default 18081),
# CLAMD (e.g. tcp://127.0.0.1:3310: scan every upload with that clamd),
# S3_ENDPOINT (e.g. http://127.0.0.1:5005: store in a new bucket there instead of locally).
set -euo pipefail
cd "$(dirname "$0")/.."

UPLOADS=${UPLOADS:-20}
FILE_BYTES=${FILE_BYTES:-10000000}
PORT=${PORT:-18081}
BASE="http://127.0.0.1:$PORT"

echo "==> building the release binary"
cargo build --release --quiet --bin admitto
BIN=target/release/admitto

WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
export DATABASE_URL="sqlite://$WORK/admitto.db"
if [ -n "${CLAMD:-}" ]; then export ADMITTO_SCAN__CLAMD="$CLAMD"; fi
if [ -n "${S3_ENDPOINT:-}" ]; then
  BUCKET="admitto-bench-$$"
  curl -fs -X PUT "$S3_ENDPOINT/$BUCKET" >/dev/null
  export ADMITTO_STORAGE__BACKEND=s3 ADMITTO_STORAGE__S3_BUCKET="$BUCKET" \
    ADMITTO_STORAGE__S3_ENDPOINT="$S3_ENDPOINT" ADMITTO_STORAGE__S3_ALLOW_HTTP=true \
    ADMITTO_STORAGE__S3_ACCESS_KEY_ID=bench ADMITTO_STORAGE__S3_SECRET_ACCESS_KEY=bench
fi

"$BIN" --data-dir "$WORK" migrate >/dev/null
"$BIN" --data-dir "$WORK" config apply admin-config >/dev/null

echo "==> writing a $FILE_BYTES-byte PDF"
FILE="$WORK/diploma.pdf"
python3 - "$FILE" "$FILE_BYTES" <<'PY'
import os, sys
path, size = sys.argv[1], int(sys.argv[2])
head = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
head += b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
tail_len = 200
data = os.urandom(max(0, size - len(head) - tail_len - 60))
body = head + b"3 0 obj\n<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream\nendobj\n"
xref = len(body)
body += b"xref\n0 4\n0000000000 65535 f \n"
body += b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
open(path, "wb").write(body)
PY

ADMITTO_LOG_LEVEL=warn "$BIN" --data-dir "$WORK" serve --bind "127.0.0.1:$PORT" --no-worker >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "$BASE/healthz" >/dev/null || { cat "$WORK/server.log"; echo "server did not start" >&2; exit 1; }

echo "==> signing in $UPLOADS candidates"
PASSWORD="bench password for load tests"
for i in $(seq 0 "$UPLOADS"); do
  JAR="$WORK/jar-$i"
  token() { curl -s -c "$JAR" -b "$JAR" "$1" | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -n1; }
  EMAIL="upload-$i@bench.example"
  curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "csrf_token=$(token "$BASE/password/forgot")" \
    --data-urlencode "email=$EMAIL" --data-urlencode "password=$PASSWORD" \
    --data-urlencode "password_confirm=$PASSWORD" -d accept_privacy=yes "$BASE/register"
  APPLICATION=$(python3 bench/seed.py sqlite "$DATABASE_URL" login "$EMAIL" olympiad)
  STATUS=$(curl -s -o /dev/null -w '%{http_code}' -c "$JAR" -b "$JAR" \
    --data-urlencode "csrf_token=$(token "$BASE/password/forgot")" \
    --data-urlencode "email=$EMAIL" --data-urlencode "password=$PASSWORD" "$BASE/login")
  [ "$STATUS" = "303" ] || { echo "login failed ($STATUS)" >&2; exit 1; }
  echo "$APPLICATION $(token "$BASE/applications/$APPLICATION/steps/questions")" >"$WORK/target-$i"
done

upload() { # candidate index → HTTP status
  local app csrf
  read -r app csrf <"$WORK/target-$1"
  curl -s -o /dev/null -w '%{http_code}' -b "$WORK/jar-$1" -F "csrf_token=$csrf" \
    -F "file=@$FILE;type=application/pdf;filename=dyplom.pdf" \
    "$BASE/applications/$app/documents/olympiad_certificate"
}
rss_kb() { awk -v f="$1" '$1 == f":" { print $2 }' "/proc/$SERVER_PID/status"; }

echo "==> warming up with one upload"
WARM=$(upload 0)
[ "$WARM" = "303" ] || { cat "$WORK/server.log"; echo "the warm-up upload failed ($WARM)" >&2; exit 1; }
sleep 1
BEFORE=$(rss_kb VmRSS)
echo 5 >"/proc/$SERVER_PID/clear_refs"  # resets VmHWM to the current RSS

echo "==> $UPLOADS uploads at once"
START=$(date +%s.%N)
CLIENTS=()
for i in $(seq 1 "$UPLOADS"); do
  upload "$i" >"$WORK/status-$i" &
  CLIENTS+=($!)
done
wait "${CLIENTS[@]}"
END=$(date +%s.%N)
PEAK=$(rss_kb VmHWM)
sleep 1
AFTER=$(rss_kb VmRSS)
OK=0
for f in "$WORK"/status-*; do [ "$(cat "$f")" = "303" ] && OK=$((OK + 1)); done
[ "$OK" = "$UPLOADS" ] || { echo "only $OK of $UPLOADS uploads succeeded" >&2; exit 1; }
if [ -z "${S3_ENDPOINT:-}" ]; then
  STORED=$(find "$WORK/files" -type f -size "$(stat -c %s "$FILE")c" | wc -l)
  [ "$STORED" -ge "$UPLOADS" ] || { echo "only $STORED whole files in storage" >&2; exit 1; }
fi

echo
echo "storage: $([ -n "${S3_ENDPOINT:-}" ] && echo "s3 at $S3_ENDPOINT" || echo "local files"), scanning: ${CLAMD:-off}, $(nproc) cores"
python3 - "$UPLOADS" "$FILE_BYTES" "$BEFORE" "$PEAK" "$AFTER" "$START" "$END" <<'PY'
import sys
n, size, before, peak, after, start, end = sys.argv[1:]
n, size, before, peak, after = int(n), int(size), int(before), int(peak), int(after)
growth = peak - before
print(f"uploads: {n} × {size / 1e6:.1f} MB at once, all stored, in {float(end) - float(start):.2f} s")
print(f"server RSS before: {before / 1024:.1f} MiB, peak: {peak / 1024:.1f} MiB, after: {after / 1024:.1f} MiB")
print(f"RSS growth at peak: {growth / 1024:.1f} MiB ({growth / 1024 / n:.2f} MiB per upload; "
      f"the files total {n * size / 2**20:.0f} MiB)")
PY
