#!/usr/bin/env python3
"""Fires one create-or-get per room, all at once, and prints latency figures as JSON.

usage: burst.py BASE_URL PREFIX COUNT [allow_duplicated]
Rooms PREFIX-0 .. PREFIX-(COUNT-1) must exist. Each thread opens its connection first, then all start together.
"""
import http.client
import json
import sys
import threading
import time
from urllib.parse import urlparse

base, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
allow = len(sys.argv) > 4 and sys.argv[4] == "true"
url = urlparse(base)
barrier = threading.Barrier(count)
results = [None] * count


def visit(i):
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    connection.connect()
    barrier.wait()
    started = time.perf_counter()
    connection.request("POST", f"/v1/rooms/{prefix}-{i}/meeting",
                       body=json.dumps({"allow_duplicated": allow}), headers={"Content-Type": "application/json"})
    response = connection.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    meeting = json.loads(body).get("id") if response.status == 200 else None
    results[i] = (response.status, elapsed, meeting)
    connection.close()


threads = [threading.Thread(target=visit, args=(i,)) for i in range(count)]
wall = time.perf_counter()
for t in threads:
    t.start()
for t in threads:
    t.join()
wall = (time.perf_counter() - wall) * 1000
latencies = sorted(r[1] for r in results)


def pct(p):
    return latencies[min(len(latencies) - 1, int(round(p / 100 * len(latencies) + 0.5)) - 1)]


statuses = {}
for r in results:
    statuses[r[0]] = statuses.get(r[0], 0) + 1
print(json.dumps({"requests": count, "statuses": statuses, "distinct_meetings": len({r[2] for r in results if r[2]}),
                  "p50_ms": round(pct(50), 1), "p99_ms": round(pct(99), 1), "max_ms": round(latencies[-1], 1),
                  "wall_ms": round(wall, 1)}))
