"""Ingestion speed: model load, our extraction vs spaCy's nlp.pipe alone, on a 2,000-character
article (the target: under 1 s once the model is loaded) and the sample at 1x and 20x length.

Run by hand: DEBUG=True .venv/bin/python scripts/bench_ingestion.py
Prints figures; asserts nothing (speed is measured, not tested).
"""

import datetime as dt
import os
import sys
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")

import django  # noqa: E402

django.setup()

from negotiations.ingestion.extract import extract  # noqa: E402
from negotiations.ingestion.nlp import get_nlp  # noqa: E402

SAMPLE = ROOT / "sample_data" / "articles" / "2024-08-11-wsj-secret-talks-amnesty.txt"
PUBLISHED = dt.date(2024, 8, 11)


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return median(times)


def main() -> None:
    start = time.perf_counter()
    nlp = get_nlp()
    print(
        f"model load: {time.perf_counter() - start:.2f} s",
        f"({nlp.meta['name']} {nlp.meta['version']})",
    )
    base = SAMPLE.read_text(encoding="utf-8")
    print(
        f"{'text':<8}{'words':>8}{'ours s':>10}{'ours w/s':>11}"
        f"{'spaCy s':>10}{'spaCy w/s':>11}{'ratio':>8}"
    )
    # The sample's first 2,000 characters, cut back to the last full sentence.
    short = base[: base.rfind(". ", 0, 2000) + 1]
    runs = (
        (f"{len(short)} ch", short, 5),
        ("1x", base, 5),
        ("20x", "\n".join([base] * 20), 2),
    )
    for label, text, repeat in runs:
        words = len(text.split())
        ours = timed(lambda t=text: extract(t, PUBLISHED), repeat)
        spacy_alone = timed(lambda t=text: list(nlp.pipe([t])), repeat)
        ratio = spacy_alone / ours
        print(
            f"{label:<8}{words:>8}{ours:>10.3f}{words / ours:>11.0f}"
            f"{spacy_alone:>10.3f}{words / spacy_alone:>11.0f}{ratio:>8.2f}"
        )


if __name__ == "__main__":
    main()
