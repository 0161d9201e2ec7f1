"""Sends signed payment notifications to a portal in demo mode, as the sandbox gateway signs
them, and prints how many it handled a second.

    notifications.py BASE SECRET_KEY SESSIONS PARALLEL REPEATS

First every one of SESSIONS open checkouts (`bench-session-<i>`, made by seed.py fees) is paid
by its own notification (each credits a fee: history, email queued), from PARALLEL connections;
then one of them is sent REPEATS times more (each recognised as applied before).
"""
import hashlib
import hmac
import http.client
import json
import statistics
import sys
import threading
import time
import urllib.parse


def sandbox_secret(secret_key):
    return hashlib.sha256(b"admitto payment sandbox\0" + secret_key.encode()).digest()


def notification(secret, event, session):
    body = json.dumps({"event": event, "session": session, "status": "paid", "amount": 8500,
                       "currency": "PLN"}, separators=(",", ":")).encode()
    t = int(time.time())
    mac = hmac.new(secret, f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return body, f"t={t},v1={mac}"


def run(base, bodies, parallel):
    """Sends each (body, signature) once, from `parallel` keep-alive connections."""
    url = urllib.parse.urlparse(base)
    latencies, statuses, lock = [], {}, threading.Lock()
    queue = list(enumerate(bodies))

    def worker():
        conn = http.client.HTTPConnection(url.hostname, url.port)
        while True:
            with lock:
                if not queue:
                    break
                _, (body, signature) = queue.pop()
            start = time.perf_counter()
            conn.request("POST", "/payments/notify/sandbox", body=body,
                         headers={"Content-Type": "application/json", "Admitto-Signature": signature})
            response = conn.getresponse()
            response.read()
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                statuses[response.status] = statuses.get(response.status, 0) + 1
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(parallel)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    latencies.sort()
    pct = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000
    return len(bodies) / wall, statistics.median(latencies) * 1000, pct(0.95), pct(0.99), statuses


def main():
    base, secret_key, sessions, parallel, repeats = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:6])
    secret = sandbox_secret(secret_key)
    distinct = [notification(secret, f"bench-evt-{i}", f"bench-session-{i}") for i in range(sessions)]
    rate, p50, p95, p99, statuses = run(base, distinct, parallel)
    print(f"{sessions} notifications that each credit a fee, {parallel} connections: "
          f"{rate:.0f}/s, p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms, statuses {statuses}")
    again = [distinct[0]] * repeats
    rate, p50, p95, p99, statuses = run(base, again, parallel)
    print(f"{repeats} repeats of one notification applied before: "
          f"{rate:.0f}/s, p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms, statuses {statuses}")


if __name__ == "__main__":
    main()
