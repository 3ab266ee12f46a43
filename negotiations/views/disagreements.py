"""Where sources disagree: the list for editors, and choosing a value to settle one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from core.permissions import editor_required
from negotiations.claim_choice import claim_choose
from negotiations.claims import value_display
from negotiations.models import Claim
from negotiations.selectors import disagreement_list

PER_PAGE = 20


@require_GET
def disagreements(request: HttpRequest) -> HttpResponse:
    """Open disagreements, newest first (`?resolved=1`: those an editor settled). Anyone who
    may read sees them; only editors get the buttons that settle one."""
    resolved = request.GET.get("resolved") == "1"
    page = Paginator(disagreement_list(resolved=resolved), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "negotiations/disagreements.html", {"page": page, "resolved": resolved})


@require_POST
@editor_required
def disagreement_choose(request: HttpRequest, pk: int) -> HttpResponse:
    """Settle a disagreement with the value of claim `pk`, written to its record."""
    claim = get_object_or_404(Claim, pk=pk)
    try:
        group = claim_choose(claim=claim, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        when = f" on {group.holds_display}" if group.holds_display else ""
        messages.success(
            request,
            f"Chosen: {value_display(claim.property, claim.value)} as the "
            f"{group.label.lower()}{when} of “{str(claim.record)[:80]}”.",
        )
    target = request.POST.get("next", "")
    if not (target.startswith("/") and not target.startswith("//")):
        target = reverse("negotiations:disagreements")
    return redirect(target)
