"""Waits until the benchmark's reminders are all delivered, then reports from the database:

    automation.py BACKEND URL REMINDERS WORKERS

the look that queued them (how many firings, how long it took), the time from the due minute to
the last delivery, and the jobs per second the workers ran over that time.
"""
import datetime
import sys
import time

sys.path.insert(0, "bench")
from seed import query  # noqa: E402

backend, url, expected, workers = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])

SENT = ("SELECT COUNT(*) FROM outbox WHERE template = 'draft-closing' AND sent_at IS NOT NULL")
deadline = time.time() + 900
last_report = 0.0
while True:
    sent = int(query(backend, url, SENT))
    if sent >= expected:
        break
    if time.time() > deadline:
        sys.exit(f"only {sent} of {expected} reminders delivered in 15 minutes")
    if time.time() - last_report > 20:
        print(f"    {sent} of {expected} delivered", flush=True)
        last_report = time.time()
    time.sleep(1)


def moment(sql):
    value = query(backend, url, sql)
    return datetime.datetime.fromisoformat(str(value).replace(" ", "T")[:26])


firings = int(query(backend, url, "SELECT COUNT(*) FROM automation_firings WHERE rule_id = 'bench-reminder'"))
due = moment("SELECT MIN(due_at) FROM automation_firings WHERE rule_id = 'bench-reminder'")
queued = moment("SELECT MAX(created_at) FROM automation_firings WHERE rule_id = 'bench-reminder'")
first_queued = moment("SELECT MIN(created_at) FROM automation_firings WHERE rule_id = 'bench-reminder'")
last_sent = moment("SELECT MAX(sent_at) FROM outbox WHERE template = 'draft-closing'")
jobs = int(query(backend, url,
                 "SELECT COUNT(*) FROM jobs WHERE state = 'done' AND kind IN ('rule_firing', 'send_email') "
                 "AND finished_at >= (SELECT MIN(created_at) FROM automation_firings WHERE rule_id = 'bench-reminder')"))
duplicates = int(query(backend, url,
                       "SELECT COUNT(*) FROM (SELECT recipient FROM outbox WHERE template = 'draft-closing' "
                       "GROUP BY recipient HAVING COUNT(*) > 1) AS twice"))
span = (last_sent - first_queued).total_seconds()
print()
print(f"backend: {backend}, workers: {workers}")
print(f"reminders due at the same minute:   {expected} (firings recorded: {firings}, sent twice: {duplicates})")
print(f"look that queued them:              {(queued - first_queued).total_seconds():.2f} s "
      f"(picked up {(first_queued - due).total_seconds():.0f} s after the due minute)")
print(f"last delivered after the look:      {span:.1f} s")
print(f"jobs run (rule_firing + send_email): {jobs} in {span:.1f} s = {jobs / span:.0f} jobs/s")
if firings != expected or duplicates:
    sys.exit("a reminder was missed or sent twice")
