"""Prepares the benchmark data set directly in the database (SQLite file or PostgreSQL via psql).

    seed.py BACKEND URL CANDIDATES APPLICATIONS_PER_CANDIDATE
        candidates with a filled-in profile and applications on the published cycle version
    seed.py BACKEND URL login EMAIL
        marks the account verified and gives it the same profile and applications as the others;
        prints the id of its first application
"""
import datetime
import json
import sqlite3
import subprocess
import sys

STATUSES = ["draft", "submitted", "under_review", "needs_correction", "complete", "withdrawn"]
PROGRAMS = ["informatyka-s1", "ekonomia-s1", "prawo", "lekarski", "architektura-s1", "computer-science-en"]
# An argon2id hash of a random string: seeded accounts are never logged into.
HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Wn3mKk1GbOZbYlDAzQ6NqN3xR2cI4VxS9nq0bq1v3kE"

PROFILE = {
    "first_name": "Jan", "last_name": "Kowalski", "date_of_birth": "2006-05-17",
    "place_of_birth": "Łódź", "citizenship": "PL", "pesel": "06251701231", "phone": "+48600100200",
    "country_of_residence": "PL", "street": "ul. Piotrkowska 1", "postal_code": "90-001",
    "city": "Łódź", "correspondence_same": True, "school_certificate": "matura",
    "diploma_country": "PL", "school_name": "XXI LO", "school_city": "Łódź", "graduation_year": 2025,
    "matura_results": {"math": {"basic": 95, "extended": 80}, "polish": {"basic": 70},
                       "english": {"extended": 90}},
    "needs_support": False,
}
PROFILE_STEPS = ["personal", "address", "education", "exam_results", "support"]
ANSWERS = {"olympiad_laureate": False, "lectorate_language": "english"}


def query(backend, url, sql):
    if backend == "sqlite":
        conn = sqlite3.connect(url.removeprefix("sqlite://"))
        value = conn.execute(sql).fetchone()[0]
        conn.close()
        return value
    out = subprocess.run(["psql", "-Atq", url, "-c", sql], check=True, capture_output=True)
    return out.stdout.decode().strip()


def run_sql(backend, url, statements, rows=None):
    if backend == "sqlite":
        conn = sqlite3.connect(url.removeprefix("sqlite://"))
        for sql in statements:
            conn.execute(sql)
        if rows:
            for (table, columns), data in rows:
                conn.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                    data,
                )
        conn.commit()
        conn.close()
        return
    script = ";\n".join(statements) + (";\n" if statements else "")
    if rows:
        for (table, columns), data in rows:
            # COPY is the fast path for PostgreSQL (text format: escape backslashes).
            script += f"COPY {table} ({', '.join(columns)}) FROM STDIN;\n"
            script += "".join(
                "\t".join(str(v).replace("\\", "\\\\") for v in r) + "\n" for r in data
            ) + "\\.\n"
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", url], input=script.encode(), check=True)


PROFILE_COLS = ["candidate_id", "answers", "saved_steps", "full_name", "citizenship", "updated_at"]
APP_COLS = ["id", "candidate_id", "cycle_code", "program_code", "cycle_version_id", "status", "answers",
            "saved_steps", "created_at", "updated_at"]


def profile_row(user_id, now):
    return (user_id, json.dumps(PROFILE, ensure_ascii=False), json.dumps(PROFILE_STEPS), "Jan Kowalski", "PL", now)


def app_rows(user_id, index, per, version, cycle, now):
    return [
        (f"{user_id}-app-{j}", user_id, cycle, PROGRAMS[(index + j) % len(PROGRAMS)], version,
         STATUSES[(index * 7 + j) % len(STATUSES)], json.dumps(ANSWERS), json.dumps(["questions"]), now, now)
        for j in range(per)
    ]


def main():
    backend, url = sys.argv[1], sys.argv[2]
    now = datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M:%S")
    version = query(backend, url, "SELECT id FROM cycle_versions WHERE state = 'published'")
    cycle = query(backend, url, "SELECT cycle_code FROM cycle_versions WHERE state = 'published'")
    if sys.argv[3] == "login":
        email = sys.argv[4].replace("'", "''")
        user_id = query(backend, url, f"SELECT id FROM users WHERE email = '{email}'")
        rows = [(("profiles", PROFILE_COLS), [profile_row(user_id, now)]),
                (("applications", APP_COLS), app_rows(user_id, 0, 3, version, cycle, now))]
        run_sql(backend, url, [f"UPDATE users SET email_verified_at = '{now}' WHERE id = '{user_id}'"], rows)
        # Its first application is a draft (index 0 → "draft").
        print(f"{user_id}-app-0")
        return
    candidates, per = int(sys.argv[3]), int(sys.argv[4])
    users = [
        (f"bench-user-{i}", f"candidate{i}@bench.example", HASH, "candidate", "pl", now, "2026-11", now, now, now)
        for i in range(candidates)
    ]
    user_cols = ["id", "email", "password_hash", "role", "locale", "email_verified_at", "privacy_version",
                 "privacy_accepted_at", "created_at", "updated_at"]
    profiles = [profile_row(f"bench-user-{i}", now) for i in range(candidates)]
    apps = [row for i in range(candidates) for row in app_rows(f"bench-user-{i}", i, per, version, cycle, now)]
    run_sql(backend, url, [], [(("users", user_cols), users), (("profiles", PROFILE_COLS), profiles),
                               (("applications", APP_COLS), apps)])


if __name__ == "__main__":
    main()
