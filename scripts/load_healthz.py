"""/healthz under load: its latency while timeline requests keep the web workers busy.

Point it at a running server (gunicorn, as the product is served) whose database holds
the benchmark's data (scripts/bench_pages.py builds it):

    .venv/bin/python scripts/load_healthz.py --url http://127.0.0.1:8000 \
        [--concurrency 8] [--seconds 30] [--host localhost]

`--concurrency` threads request timeline pages back to back (the newest window, a jump
to a date, one kind, an as-of date) while one more probes /healthz every 100 ms, as a
load balancer would. Prints the probe's p50/p99/max and the timeline's throughput and
median; asserts nothing. Standard library only, one connection per thread.
"""

import argparse
import http.client
import threading
import time
from statistics import median, quantiles
from urllib.parse import urlsplit

TIMELINE_PAGES = [
    "/timeline/",
    "/timeline/?date=2019-06-30",
    "/timeline/?kind=talks",
    "/timeline/?as_of=2020-01-01",
]


class Client:
    """One keep-alive connection, reopened after an error."""

    def __init__(self, url: str, host: str | None):
        parts = urlsplit(url)
        self.address = (parts.hostname, parts.port or 80)
        self.headers = {"Host": host} if host else {}
        self.connection = None

    def get(self, path: str) -> tuple[int, float]:
        start = time.perf_counter()
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection(*self.address, timeout=60)
            self.connection.request("GET", path, headers=self.headers)
            response = self.connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            self.connection = None
            status = 0
        return status, (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--probe-url", help="where /healthz is served, if not at --url")
    parser.add_argument("--host", help="Host header (one of ALLOWED_HOSTS)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--interval", type=float, default=0.1, help="between probes, s")
    args = parser.parse_args()

    stop = threading.Event()
    timeline: list[tuple[int, float]] = []
    probes: list[tuple[int, float]] = []

    def load(n: int) -> None:
        client = Client(args.url, args.host)
        i = n
        while not stop.is_set():
            timeline.append(client.get(TIMELINE_PAGES[i % len(TIMELINE_PAGES)]))
            i += 1

    def probe() -> None:
        client = Client(args.probe_url or args.url, args.host)
        time.sleep(1)  # let the load start first
        while not stop.is_set():
            probes.append(client.get("/healthz"))
            time.sleep(args.interval)

    threads = [threading.Thread(target=load, args=(n,)) for n in range(args.concurrency)]
    threads.append(threading.Thread(target=probe))
    for thread in threads:
        thread.start()
    time.sleep(args.seconds)
    stop.set()
    for thread in threads:
        thread.join()

    def summary(rows: list[tuple[int, float]]) -> str:
        if not rows:
            return "no requests"
        times = sorted(ms for _, ms in rows)
        bad = sum(1 for status, _ in rows if status != 200)
        cuts = quantiles(times, n=100) if len(times) > 1 else times * 99
        return (
            f"{len(rows):>6} requests, {bad} not 200; p50 {median(times):7.1f} ms, "
            f"p99 {cuts[98]:7.1f} ms, max {times[-1]:7.1f} ms"
        )

    print(f"{args.concurrency} timeline loaders for {args.seconds:.0f} s against {args.url}")
    print(f"timeline  {summary(timeline)}  ({len(timeline) / args.seconds:.1f}/s)")
    print(f"/healthz  {summary(probes)}  (at {args.probe_url or args.url})")


if __name__ == "__main__":
    main()
