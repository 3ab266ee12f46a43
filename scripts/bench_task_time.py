"""How long one ingestion task takes, end to end (extraction and storing), by article size,
against spaCy's nlp.pipe alone on the same text (the ratio: spaCy's time over ours).

The task time limit and the ingestion lease (config/settings.py) are sized from these
figures: the limit must let the longest article allowed (ARTICLE_MAX_BYTES) finish on a
loaded worker, and the lease must outlast the limit.

Run by hand against the database you deploy on, e.g.
  createdb tablero_bench && DATABASE_URL=postgres://postgres@127.0.0.1/tablero_bench \
    .venv/bin/python scripts/bench_task_time.py
Prints figures; asserts nothing.
"""

import datetime as dt
import os
import resource
import sys
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

from negotiations.ingestion.nlp import get_nlp  # noqa: E402
from negotiations.ingestion.pipeline import article_ingest, ingestion_warm_up  # noqa: E402
from sources.models import Article  # noqa: E402

SAMPLE = ROOT / "sample_data" / "articles" / "2024-08-11-wsj-secret-talks-amnesty.txt"


def main() -> None:
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    ingestion_warm_up()  # as each worker child does when it starts
    print(f"model load (once per worker process): {time.perf_counter() - start:.2f} s")
    nlp = get_nlp()
    base = SAMPLE.read_text(encoding="utf-8")
    _ingest(base, "warm-up")  # the database's caches (content types, ...) too
    print(
        f"{'size':>10}{'words':>9}{'task s':>9}{'spaCy s':>9}{'ratio':>7}"
        f"{'s/100 KB':>10}{'peak RSS MB':>13}"
    )
    per_100kb = []
    # The short article's figures are medians of several runs: one run of a third of a
    # second moves by a quarter with the machine's jitter.
    for factor, runs in ((1, 7), (10, 1), (40, 1)):
        took, parsed = [], []
        for run in range(runs):
            # Each copy numbered, so the text's hash and sentences differ from the last run's.
            text = "\n".join(
                f"{base}\n({factor}-{run}-{n} {time.time_ns()})" for n in range(factor)
            )
            seconds, status = _ingest(text, str(factor))
            took.append(seconds)
            start = time.perf_counter()
            list(nlp.pipe([text]))
            parsed.append(time.perf_counter() - start)
        took, parsed = median(took), median(parsed)
        size = len(text.encode("utf-8"))
        per_100kb.append(took / size * 100_000)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{size:>10,}{len(text.split()):>9,}{took:>9.2f}{parsed:>9.2f}{parsed / took:>7.2f}"
            f"{per_100kb[-1]:>10.2f}{rss:>13.0f}  {status}"
        )
    longest = max(per_100kb) * settings.ARTICLE_MAX_BYTES / 100_000
    print(
        f"longest article allowed ({settings.ARTICLE_MAX_BYTES:,} bytes), estimated: "
        f"{longest:.0f} s; task time limit {settings.CELERY_TASK_TIME_LIMIT} s, "
        f"lease {settings.INGESTION_LEASE_SECONDS} s"
    )


def _ingest(text: str, label: str) -> tuple[float, str]:
    article = Article.objects.create(
        text=text, content_hash=f"{label}-{time.time_ns()}", published_on=dt.date(2024, 8, 11)
    )
    start = time.perf_counter()
    status = article_ingest(article_id=article.pk)
    return time.perf_counter() - start, status


if __name__ == "__main__":
    main()
