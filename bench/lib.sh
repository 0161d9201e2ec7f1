# Shared by the benchmark scripts (sourced, not run): the release binary, a scratch database on
# SQLite or PostgreSQL that is dropped on exit, the portal started on it, and accounts signed in.
#
#   . bench/lib.sh
#   bench_database sqlite|postgres NAME      sets DATABASE_URL, WORK and the clean-up on exit
#   bench_serve PORT [ENV=VALUE …]           starts the portal (no worker; $SERVE_ARGS added, e.g.
#                                            --demo) and waits for it
#   bench_register EMAIL                     registers EMAIL with $BENCH_PASSWORD
#   bench_login EMAIL                        prints the "Cookie:" value of EMAIL's session
# Environment: BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres).

BENCH_PASSWORD="bench password for load tests"
PG_ADMIN_URL=${BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}

echo "==> building the release binary"
cargo build --release --quiet --bin admitto
BIN=target/release/admitto

WORK=$(mktemp -d)
SERVER_PID=""
PG_DB=""
bench_cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  [ -n "$PG_DB" ] && psql "$PG_ADMIN_URL" -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap bench_cleanup EXIT

bench_database() { # backend name
  case "$1" in
    sqlite) export DATABASE_URL="sqlite://$WORK/admitto.db" ;;
    postgres)
      PG_DB="admitto_$2_$$"
      psql "$PG_ADMIN_URL" -qc "CREATE DATABASE $PG_DB" >/dev/null
      export DATABASE_URL="${PG_ADMIN_URL%/*}/$PG_DB" ;;
    *) echo "usage: $0 [sqlite|postgres]" >&2; exit 2 ;;
  esac
  BACKEND=$1
}

bench_serve() { # port [env assignments]
  local port=$1
  shift
  BASE="http://127.0.0.1:$port"
  # shellcheck disable=SC2086
  env "$@" ADMITTO_LOG_LEVEL=warn "$BIN" --data-dir "$WORK" serve ${SERVE_ARGS:-} --bind "127.0.0.1:$port" \
    --no-worker >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 300); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  curl -fs "$BASE/healthz" >/dev/null || { cat "$WORK/server.log"; echo "server did not start" >&2; exit 1; }
}

bench_csrf() { # jar
  curl -s -c "$1" -b "$1" "$BASE/password/forgot" | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -n1
}

bench_register() { # email
  local jar="$WORK/register-jar"
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf_token=$(bench_csrf "$jar")" \
    --data-urlencode "email=$1" --data-urlencode "password=$BENCH_PASSWORD" \
    --data-urlencode "password_confirm=$BENCH_PASSWORD" -d accept_privacy=yes "$BASE/register"
  rm -f "$jar"
}

bench_login() { # email
  local jar="$WORK/login-jar-$1" status
  status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "csrf_token=$(bench_csrf "$jar")" \
    --data-urlencode "email=$1" --data-urlencode "password=$BENCH_PASSWORD" "$BASE/login")
  [ "$status" = "303" ] || { echo "login of $1 failed ($status)" >&2; exit 1; }
  echo "admitto_session=$(awk '$6 == "admitto_session" { print $7 }' "$jar"); admitto_lang=pl"
}

bench_wrk() { # label path cookie connections seconds
  local out rps p50 p99 errors
  out=$(wrk -t2 -c"$4" -d"${5}s" --latency -H "Cookie: $3" "$BASE$2")
  rps=$(echo "$out" | awk '/Requests\/sec/ { print $2 }')
  p50=$(echo "$out" | awk '$1 == "50%" { print $2 }')
  p99=$(echo "$out" | awk '$1 == "99%" { print $2 }')
  errors=$(echo "$out" | awk '/Non-2xx/ { print $5 }')
  printf '%-34s %8s/s   p50 %9s   p99 %9s   non-2xx %s\n' "$1" "$rps" "$p50" "$p99" "${errors:-0}"
}
