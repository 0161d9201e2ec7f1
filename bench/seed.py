"""Prepares the benchmark data set directly in the database (SQLite file or PostgreSQL via psql).

    seed.py BACKEND URL CANDIDATES APPLICATIONS_PER_CANDIDATE
        candidates with a filled-in profile and applications on the published cycle version
    seed.py BACKEND URL staff EMAIL
        marks the account verified and makes it an admissions officer
    seed.py BACKEND URL fees N
        N candidates, each with a submitted application whose 85.00 PLN fee has a checkout open
        in the demo's payment sandbox (`bench-session-<i>`)
    seed.py BACKEND URL examinees EMAIL N
        N candidates (`examinee<i>@bench.example`) with the password of the account EMAIL, each
        with a submitted architecture application (an exam and an interview to book)
    seed.py BACKEND URL drafts N
        N candidates (`drafter<i>@bench.example`), each with one draft application
    seed.py BACKEND URL booked SESSION
        prints how many bookings of the session key SESSION are booked
    seed.py BACKEND URL login EMAIL [olympiad]
        marks the account verified and gives it the same profile and applications as the others;
        prints the id of its first application (with "olympiad", that application's answers make
        it ask for an olympiad diploma, a document of up to 10 MB)
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
                "\t".join("\\N" if v is None else str(v).replace("\\", "\\\\") for v in r) + "\n"
                for r in data
            ) + "\\.\n"
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", url], input=script.encode(), check=True)


PROFILE_COLS = ["candidate_id", "answers", "saved_steps", "full_name", "citizenship", "updated_at"]
APP_COLS = ["id", "candidate_id", "cycle_code", "program_code", "cycle_version_id", "status", "answers",
            "saved_steps", "created_at", "updated_at"]


DOC_COLS = ["id", "candidate_id", "application_id", "requirement", "version", "file_name", "content_type",
            "size_bytes", "sha256", "storage_key", "status", "created_at"]


def stamp(now, seconds):
    """`now` minus some seconds, so documents have distinct upload times."""
    moment = datetime.datetime.strptime(now, "%Y-%m-%d %H:%M:%S") - datetime.timedelta(seconds=seconds)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def profile_row(user_id, now):
    return (user_id, json.dumps(PROFILE, ensure_ascii=False), json.dumps(PROFILE_STEPS), "Jan Kowalski", "PL", now)


def app_rows(user_id, index, per, version, cycle, now):
    return [
        (f"{user_id}-app-{j}", user_id, cycle, PROGRAMS[(index + j) % len(PROGRAMS)], version,
         STATUSES[(index * 7 + j) % len(STATUSES)], json.dumps(ANSWERS), json.dumps(["questions"]), now, now)
        for j in range(per)
    ]


USER_COLS = ["id", "email", "password_hash", "role", "locale", "email_verified_at", "privacy_version",
             "privacy_accepted_at", "created_at", "updated_at"]


def seed_fees(backend, url, count, version, cycle, now):
    users = [(f"bench-payer-{i}", f"payer{i}@bench.example", HASH, "candidate", "pl", now, "2026-11", now, now, now)
             for i in range(count)]
    profiles = [profile_row(f"bench-payer-{i}", now) for i in range(count)]
    apps = [(f"bench-paid-app-{i}", f"bench-payer-{i}", cycle, "informatyka-s1", version, "submitted",
             json.dumps(ANSWERS), json.dumps(["questions"]), now, now, f"BENCH-{i:08d}", now)
            for i in range(count)]
    orders = [(f"bench-order-{i}", f"bench-paid-app-{i}", "application", 8500, "PLN", "pending", now, now)
              for i in range(count)]
    sessions = [(f"bench-session-{i}", f"bench-order-{i}", "sandbox", 8500, "PLN", "open", now, now,
                 f"/dev/pay/bench-session-{i}") for i in range(count)]
    run_sql(backend, url, [], [
        (("users", USER_COLS), users), (("profiles", PROFILE_COLS), profiles),
        (("applications", APP_COLS + ["receipt_number", "submitted_at"]), apps),
        (("fee_orders", ["id", "application_id", "kind", "amount_minor", "currency", "status", "created_at",
                         "updated_at"]), orders),
        (("payment_sessions", ["id", "order_id", "provider", "amount_minor", "currency", "state", "created_at",
                               "updated_at", "checkout_url"]), sessions),
    ])


def main():
    backend, url = sys.argv[1], sys.argv[2]
    now = datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M:%S")
    version = query(backend, url, "SELECT id FROM cycle_versions WHERE state = 'published'")
    cycle = query(backend, url, "SELECT cycle_code FROM cycle_versions WHERE state = 'published'")
    if sys.argv[3] == "staff":
        email = sys.argv[4].replace("'", "''")
        run_sql(backend, url, [f"UPDATE users SET email_verified_at = '{now}', role = 'officer' WHERE email = '{email}'"])
        return
    if sys.argv[3] == "login":
        email = sys.argv[4].replace("'", "''")
        user_id = query(backend, url, f"SELECT id FROM users WHERE email = '{email}'")
        apps = app_rows(user_id, 0, 3, version, cycle, now)
        if sys.argv[5:] == ["olympiad"]:
            answers = json.dumps({**ANSWERS, "olympiad_laureate": True, "olympiad_name": "Olimpiada"})
            apps[0] = apps[0][:6] + (answers,) + apps[0][7:]
        rows = [(("profiles", PROFILE_COLS), [profile_row(user_id, now)]), (("applications", APP_COLS), apps)]
        statements = [f"UPDATE users SET email_verified_at = '{now}' WHERE id = '{user_id}'"]
        run_sql(backend, url, statements, rows)
        # Its first application is a draft (index 0 → "draft").
        print(f"{user_id}-app-0")
        return
    if sys.argv[3] == "examinees":
        email, count = sys.argv[4].replace("'", "''"), int(sys.argv[5])
        password = query(backend, url, f"SELECT password_hash FROM users WHERE email = '{email}'")
        users = [(f"bench-examinee-{i}", f"examinee{i}@bench.example", password, "candidate", "pl", now, "2026-11",
                  now, now, now) for i in range(count)]
        profiles = [profile_row(f"bench-examinee-{i}", now) for i in range(count)]
        apps = [(f"bench-exam-app-{i}", f"bench-examinee-{i}", cycle, "architektura-s1", version, "submitted",
                 json.dumps(ANSWERS), json.dumps(["questions"]), now, now, f"BENCH-ARCH-{i:06d}", now)
                for i in range(count)]
        run_sql(backend, url, [], [
            (("users", USER_COLS), users), (("profiles", PROFILE_COLS), profiles),
            (("applications", APP_COLS + ["receipt_number", "submitted_at"]), apps),
        ])
        return
    if sys.argv[3] == "drafts":
        count = int(sys.argv[4])
        users = [(f"bench-drafter-{i}", f"drafter{i}@bench.example", HASH, "candidate", "pl", now, "2026-11", now,
                  now, now) for i in range(count)]
        profiles = [profile_row(f"bench-drafter-{i}", now) for i in range(count)]
        apps = [(f"bench-draft-{i}", f"bench-drafter-{i}", cycle, PROGRAMS[i % len(PROGRAMS)], version, "draft",
                 json.dumps(ANSWERS), json.dumps(["questions"]), now, now) for i in range(count)]
        run_sql(backend, url, [], [
            (("users", USER_COLS), users), (("profiles", PROFILE_COLS), profiles),
            (("applications", APP_COLS), apps),
        ])
        return
    if sys.argv[3] == "booked":
        session = sys.argv[4].replace("'", "''")
        print(query(backend, url, f"SELECT COUNT(*) FROM exam_bookings WHERE session_key = '{session}' "
                                  "AND state = 'booked'"))
        return
    if sys.argv[3] == "fees":
        seed_fees(backend, url, int(sys.argv[4]), version, cycle, now)
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
    # Every candidate sent a photo (a profile document); each application's olympiad diploma was
    # sent by every third. Half of the photos and all diplomas wait for verification.
    documents = [
        (f"bench-doc-{i}", f"bench-user-{i}", None, "photo", 1, "photo.jpg", "image/jpeg", 250000,
         "0" * 64, f"documents/bench-user-{i}/photo", "submitted" if i % 2 == 0 else "accepted",
         stamp(now, i))
        for i in range(candidates)
    ] + [
        (f"bench-doc-{app[0]}", app[1], app[0], "olympiad_certificate", 1, "dyplom.pdf", "application/pdf",
         900000, "0" * 64, f"documents/{app[1]}/{app[0]}", "submitted", stamp(now, k))
        for k, app in enumerate(apps) if k % 3 == 0
    ]
    run_sql(backend, url, [], [(("users", user_cols), users), (("profiles", PROFILE_COLS), profiles),
                               (("applications", APP_COLS), apps), (("documents", DOC_COLS), documents)])


if __name__ == "__main__":
    main()
