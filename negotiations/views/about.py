"""Pages that explain how the dashboard judges what it shows."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from negotiations.confidence import LEVEL_RULES, SOURCE_RULES, examples
from negotiations.selectors import STALE_DAYS
from negotiations.verdicts import DEFAULT_WINDOW, MAX_WINDOW, rules_by_track


@require_GET
def about_confidence(request: HttpRequest) -> HttpResponse:
    """The corroboration and confidence rules, with worked examples the rules compute."""
    return render(
        request,
        "negotiations/about_confidence.html",
        {"source_rules": SOURCE_RULES, "level_rules": LEVEL_RULES, "examples": examples()},
    )


@require_GET
def about_verdicts(request: HttpRequest) -> HttpResponse:
    """The rules that give each track its arrow, rendered from negotiations.verdicts."""
    return render(
        request,
        "negotiations/about_verdicts.html",
        {
            "tracks": rules_by_track(),
            "default_window": DEFAULT_WINDOW,
            "max_window": MAX_WINDOW,
            "stale_days": STALE_DAYS,
        },
    )
