"""Prepares the benchmark data set directly in the database (SQLite file or PostgreSQL via psql).

    seed.py BACKEND URL CANDIDATES APPLICATIONS_PER_CANDIDATE
    seed.py BACKEND URL verify EMAIL        (marks one account's email verified)
"""
import datetime
import sqlite3
import subprocess
import sys

STATUSES = ["draft", "submitted", "under_review", "needs_correction", "complete", "withdrawn"]
PROGRAMS = ["INF-BSC", "MED-LC", "ECO-MSC", "LAW-LC", "CS-EN-BSC", "ARCH-BSC"]
# An argon2id hash of a random string: seeded accounts are never logged into.
HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Wn3mKk1GbOZbYlDAzQ6NqN3xR2cI4VxS9nq0bq1v3kE"


def run_sql(backend, url, statements, rows=None):
    if backend == "sqlite":
        conn = sqlite3.connect(url.removeprefix("sqlite://"))
        for sql in statements:
            conn.execute(sql)
        if rows:
            for sql, data in rows:
                conn.executemany(sql, data)
        conn.commit()
        conn.close()
        return
    script = ";\n".join(statements) + ";\n"
    if rows:
        for sql, data in rows:
            # COPY is the fast path for PostgreSQL.
            table, columns = sql
            script += f"COPY {table} ({', '.join(columns)}) FROM STDIN;\n"
            script += "".join("\t".join(map(str, r)) + "\n" for r in data) + "\\.\n"
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", url], input=script.encode(), check=True)


def main():
    backend, url = sys.argv[1], sys.argv[2]
    now = datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M:%S")
    if sys.argv[3] == "verify":
        email = sys.argv[4].replace("'", "''")
        run_sql(backend, url, [f"UPDATE users SET email_verified_at = '{now}' WHERE email = '{email}'"])
        return
    candidates, per = int(sys.argv[3]), int(sys.argv[4])
    users = [
        (f"bench-user-{i}", f"candidate{i}@bench.example", HASH, "candidate", "pl", now, "2026-11", now, now, now)
        for i in range(candidates)
    ]
    apps = [
        (f"bench-app-{i}-{j}", f"bench-user-{i}", PROGRAMS[(i + j) % len(PROGRAMS)], STATUSES[(i * 7 + j) % len(STATUSES)], now, now)
        for i in range(candidates)
        for j in range(per)
    ]
    user_cols = ["id", "email", "password_hash", "role", "locale", "email_verified_at", "privacy_version",
                 "privacy_accepted_at", "created_at", "updated_at"]
    app_cols = ["id", "candidate_id", "program_code", "status", "created_at", "updated_at"]
    if backend == "sqlite":
        rows = [
            (f"INSERT INTO users ({', '.join(user_cols)}) VALUES ({', '.join('?' * len(user_cols))})", users),
            (f"INSERT INTO applications ({', '.join(app_cols)}) VALUES ({', '.join('?' * len(app_cols))})", apps),
        ]
    else:
        rows = [(("users", user_cols), users), (("applications", app_cols), apps)]
    run_sql(backend, url, [], rows)


if __name__ == "__main__":
    main()
