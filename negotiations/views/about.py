"""Pages that explain how the dashboard judges what it shows."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from negotiations.confidence import LEVEL_RULES, SOURCE_RULES, examples


@require_GET
def about_confidence(request: HttpRequest) -> HttpResponse:
    """The corroboration and confidence rules, with worked examples the rules compute."""
    return render(
        request,
        "negotiations/about_confidence.html",
        {"source_rules": SOURCE_RULES, "level_rules": LEVEL_RULES, "examples": examples()},
    )
