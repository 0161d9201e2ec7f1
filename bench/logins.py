"""Another candidate's page latency during a burst of logins (see bench/logins.sh).

    logins.py BASE COOKIE [LOGINS_PER_SECOND] [PARALLEL] [SECONDS]

First measures the signed-in candidate's home page alone for SECONDS, then again while PARALLEL
browsers send LOGINS_PER_SECOND wrong-password logins in all (each one a full argon2 check,
for addresses that are not registered). Prints the page's p50/p95/p99 in both phases and the
login rate reached.
"""
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

BASE, COOKIE = sys.argv[1], sys.argv[2]
RATE = float(sys.argv[3]) if len(sys.argv) > 3 else 90.0
PARALLEL = int(sys.argv[4]) if len(sys.argv) > 4 else 30
SECONDS = float(sys.argv[5]) if len(sys.argv) > 5 else 10.0
PAGES_PER_SECOND = 20


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]


def measure_pages(seconds):
    """The home page, PAGES_PER_SECOND times a second, one at a time; latencies in ms."""
    latencies = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        started = time.monotonic()
        request = urllib.request.Request(BASE + "/", headers={"Cookie": COOKIE})
        with urllib.request.urlopen(request) as response:
            body = response.read()
            assert response.status == 200 and b"bench-login@example.com" in body
        latencies.append((time.monotonic() - started) * 1000)
        time.sleep(max(0.0, 1.0 / PAGES_PER_SECOND - (time.monotonic() - started)))
    return latencies


def login_loop(index, stop, done):
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    page = opener.open(BASE + "/login").read().decode()
    token = re.search(r'name="csrf_token" value="([^"]*)"', page).group(1)
    interval = PARALLEL / RATE
    next_at = time.monotonic() + (index / PARALLEL) * interval
    while not stop.is_set():
        time.sleep(max(0.0, next_at - time.monotonic()))
        next_at += interval
        form = urllib.parse.urlencode({
            "csrf_token": token, "email": f"burst{index}@example.com",
            "password": "not the password of anyone",
        }).encode()
        try:
            opener.open(BASE + "/login", data=form).read()
        except urllib.error.HTTPError as e:
            assert e.code == 422, e.code
        done.append(time.monotonic())


def report(name, latencies):
    print(f"{name:<34} {len(latencies):>6} {percentile(latencies, 50):>8.1f} "
          f"{percentile(latencies, 95):>8.1f} {percentile(latencies, 99):>8.1f}")


alone = measure_pages(SECONDS)
stop, done = threading.Event(), []
threads = [threading.Thread(target=login_loop, args=(i, stop, done)) for i in range(PARALLEL)]
for t in threads:
    t.start()
time.sleep(1.0)  # let the burst reach its rate
started = time.monotonic()
logins_before = len(done)
during = measure_pages(SECONDS)
reached = (len(done) - logins_before) / (time.monotonic() - started)
stop.set()
for t in threads:
    t.join()
print(f"{'home page (ms)':<34} {'pages':>6} {'p50':>8} {'p95':>8} {'p99':>8}")
report("alone", alone)
report(f"during {PARALLEL} parallel logins", during)
print(f"logins per second reached: {reached:.1f} (asked {RATE:.0f})")
