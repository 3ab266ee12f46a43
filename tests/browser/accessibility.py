"""axe's accessibility check of the page in the browser: the bar is no serious or critical
violation."""

from axe_playwright_python.sync_playwright import Axe


def serious_violations(page, context: str | None = None) -> list[str]:
    """What axe finds serious or critical on the page (or within the `context` selector)."""
    results = Axe().run(page, context=context) if context else Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])})"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
