"""Books exam sessions through the portal's forms from many connections at once, as candidates
clicking "Book this date" would, and prints how many it handled a second.

    exams.py BASE PASSWORD CANDIDATES PARALLEL APPLICATION_PREFIX

Signs in CANDIDATES seeded candidates (`examinee<i>@bench.example`, seed.py examinees), then,
from PARALLEL keep-alive connections:
  1. every candidate books the drawing exam's first session (room enough for all): a seat taken
     by the conditional update, the booking row, the invitation email queued, an audit row;
  2. every candidate cancels it again (the seat given back, the cancellation emailed);
  3. every candidate tries the second session, which has 50 seats: exactly 50 must get one and
     the others a clear refusal (409), or the run fails.
"""
import http.client
import http.cookiejar
import re
import statistics
import sys
import threading
import time
import urllib.parse
import urllib.request

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def sign_in(base, email, password):
    """Signs one candidate in; returns their session cookie."""
    jar = http.cookiejar.CookieJar()

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    page = opener.open(f"{base}/password/forgot").read().decode()
    token = TOKEN.search(page).group(1)
    form = urllib.parse.urlencode({"csrf_token": token, "email": email, "password": password}).encode()
    try:
        opener.open(f"{base}/login", form)
    except urllib.error.HTTPError as e:
        if e.code != 303:
            raise
    cookie = next(c.value for c in jar if c.name == "admitto_session")
    return f"admitto_session={cookie}; admitto_lang=pl"


def in_parallel(items, parallel, work):
    """Runs work(conn, item) for each item from `parallel` keep-alive connections; returns the
    rate a second, the latencies (ms) and the count of each status."""
    latencies, statuses, lock = [], {}, threading.Lock()
    queue = list(items)

    def worker():
        conn = http.client.HTTPConnection(HOST, PORT)
        while True:
            with lock:
                if not queue:
                    break
                item = queue.pop()
            start = time.perf_counter()
            status = work(conn, item)
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(parallel)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    latencies.sort()
    return len(latencies) / wall, latencies, statuses


def summary(name, rate, latencies, statuses):
    pct = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))]
    print(f"{name:<34} {rate:8.0f}/s   p50 {statistics.median(latencies):7.1f} ms   "
          f"p95 {pct(0.95):7.1f} ms   p99 {pct(0.99):7.1f} ms   statuses {dict(sorted(statuses.items()))}")


def post(conn, path, cookie, fields):
    body = urllib.parse.urlencode(fields)
    conn.request("POST", path, body=body, headers={
        "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    response = conn.getresponse()
    response.read()
    return response.status


def get(conn, path, cookie):
    conn.request("GET", path, headers={"Cookie": cookie})
    response = conn.getresponse()
    return response.status, response.read().decode()


def main():
    global HOST, PORT
    base, password, count, parallel, prefix = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    url = urllib.parse.urlparse(base)
    HOST, PORT = url.hostname, url.port

    started = time.perf_counter()
    cookies = [None] * count
    def sign(_conn, i):
        cookies[i] = sign_in(base, f"examinee{i}@bench.example", password)
        return 303
    in_parallel(range(count), 8, sign)
    tokens = [None] * count
    def token(conn, i):
        status, page = get(conn, f"/applications/{prefix}{i}/exams/drawing", cookies[i])
        tokens[i] = TOKEN.search(page).group(1)
        return status
    _, _, statuses = in_parallel(range(count), 8, token)
    assert statuses == {200: count}, statuses
    print(f"{count} candidates signed in in {time.perf_counter() - started:.1f} s")

    def book(session):
        return lambda conn, i: post(conn, f"/applications/{prefix}{i}/exams/drawing", cookies[i],
                                    {"csrf_token": tokens[i], "session": session})
    def cancel(conn, i):
        return post(conn, f"/applications/{prefix}{i}/exams/drawing/cancel", cookies[i], {"csrf_token": tokens[i]})

    rate, latencies, statuses = in_parallel(range(count), parallel, book("2027-07-05"))
    summary("book (a seat for everyone)", rate, latencies, statuses)
    assert statuses == {303: count}, statuses
    rate, latencies, statuses = in_parallel(range(count), parallel, cancel)
    summary("cancel", rate, latencies, statuses)
    assert statuses == {303: count}, statuses
    rate, latencies, statuses = in_parallel(range(count), parallel, book("2027-07-07"))
    summary("book the last 50 seats", rate, latencies, statuses)
    assert statuses == {303: 50, 409: count - 50}, statuses
    print("exactly 50 booked, the others refused with 409")


if __name__ == "__main__":
    main()
