"""Every page an analyst or an editor opens, in Chromium at desktop and phone widths, on a
running site: a full-page screenshot of each, its load time, size and axe's serious or
critical findings. For looking at the product on real data (`make run`'s, or a
benchmark's set served by gunicorn), as the browser tests do on their small fixtures.

    .venv/bin/python scripts/page_tour.py --base http://127.0.0.1:8000 \
        --out test-artifacts/tour [--editor NAME]   # password in TOUR_EDITOR_PASSWORD

Records to open (an actor, an offer, a channel, a source) are found through the API.
Prints a table; asserts nothing.
"""

import argparse
import json
import os
import sys
import time
import urllib.request
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
WIDTHS = (1366, 390)


def _first(base: str, endpoint: str, field: str = "id"):
    """The first record the API lists at `endpoint`, or None."""
    with urllib.request.urlopen(f"{base}/api/v1/{endpoint}/?page_size=1", timeout=60) as answer:
        results = json.load(answer).get("results") or []
    return results[0][field] if results else None


def pages(base: str) -> list[tuple[str, str]]:
    """(name, path) of each page to open; a record page only if the data has one."""
    found = [
        ("dashboard", "/"),
        ("dashboard-window-90", "/?window=90"),
        ("dashboard-as-of-2019", "/?as_of=2019-06-30"),
        ("dashboard-as-of-empty", "/?as_of=1990-01-01"),
        ("verdict-rules", "/about/verdicts/"),
        ("timeline", "/timeline/"),
        ("timeline-five-years", "/timeline/?zoom=5years"),
        ("timeline-as-of-2019", "/timeline/?as_of=2019-06-30"),
        ("network", "/network/"),
        ("search", "/search/?q=talks"),
        ("disagreements", "/disagreements/"),
    ]
    slug = _first(base, "actors", "slug")
    if slug:
        found.append(("actor", f"/actors/{slug}/"))
    for name, endpoint, path in [
        ("offer", "offers", "/offers/{}/"),
        ("channel", "channels", "/channels/{}/"),
        ("indictment", "indictments", "/indictments/{}/"),
        ("source", "articles", "/sources/{}/"),
    ]:
        pk = _first(base, endpoint)
        if pk:
            found.append((name, path.format(pk)))
    return found


EDITOR_PAGES = [
    ("review", "/review/"),
    ("development-form", "/developments/add/"),
    ("offer-form", "/records/offer/add/"),
]


def tour(base: str, out: Path, editor: str | None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    visits = pages(base)
    axe = Axe()
    print(f"{'page':<24}{'width':>6}{'status':>7}{'ms':>8}{'KB':>8}{'height px':>11}  axe")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        if editor:
            page.goto(f"{base}/accounts/login/")
            page.get_by_label("Username").fill(editor)
            page.get_by_label("Password").fill(os.environ["TOUR_EDITOR_PASSWORD"])
            page.get_by_role("button", name="Sign in").click()
            visits += EDITOR_PAGES
        for name, path in visits:
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                start = time.perf_counter()
                response = page.goto(f"{base}{path}", wait_until="load")
                took = (time.perf_counter() - start) * 1000
                size = len(response.body()) / 1024 if response else 0
                height = page.evaluate("document.documentElement.scrollHeight")
                shot = out / f"{name}-{width}.png"
                page.screenshot(path=str(shot), full_page=True)
                found = [
                    v["id"]
                    for v in axe.run(page).response["violations"]
                    if v["impact"] in ("serious", "critical")
                ]
                status = response.status if response else 0
                print(
                    f"{name:<24}{width:>6}{status:>7}{took:>8.0f}{size:>8.0f}{height:>11}"
                    f"  {', '.join(found) or 'none serious'}"
                )
        browser.close()
    print(f"screenshots in {out}/")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", type=Path, default=Path("test-artifacts/tour"))
    parser.add_argument("--editor", help="An editor's username (TOUR_EDITOR_PASSWORD).")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: apt-get install chromium")
    tour(args.base.rstrip("/"), args.out, args.editor)


if __name__ == "__main__":
    main()
