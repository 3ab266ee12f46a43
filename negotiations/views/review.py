"""The review queue: confirm, correct or reject what ingestion extracted."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.editing import VersionConflict, record_review, record_review_undo
from core.models import Origin, ReviewState
from core.pages import posted_version
from core.permissions import editor_required
from negotiations.choices import LinkState
from negotiations.links import record_link_decide, record_link_move
from negotiations.models import RecordLink
from negotiations.records import REVIEW_MODELS, record_label
from negotiations.selectors import (
    review_article_list,
    review_last_decision,
    review_queue,
    unreviewed_evidence,
)
from sources.models import Article, Evidence

ARTICLES_PER_PAGE = 5
# The session remembers the editor's last confirm or reject, which "Undo" takes back.
LAST_DECISION = "review_last_decision"


def _article_filter(request) -> int | None:
    value = request.GET.get("article", "")
    if not value:
        return None
    if not value.isdecimal():
        messages.warning(request, f"“{value[:20]}” is not an article number; showing all.")
        return None
    return int(value)


@editor_required
def review(request):
    article_id = _article_filter(request)
    paginator = Paginator(review_article_list(article_id=article_id), ARTICLES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "page": page,
        "queue": review_queue(articles=list(page.object_list)),
        "article_id": article_id,
        "last_decision": review_last_decision(request.session.get(LAST_DECISION), by=request.user),
        "filtered_article": Article.objects.defer("text").filter(pk=article_id).first()
        if article_id
        else None,
    }
    return render(request, "negotiations/review/queue.html", context)


def _back(request) -> str:
    target = request.POST.get("next", "")
    return (
        target
        if target.startswith("/") and not target.startswith("//")
        else reverse("negotiations:review")
    )


def _wants_json(request) -> bool:
    """The queue's script asks for JSON to update the row in place; a plain form gets a redirect."""
    return request.headers.get("X-Requested-With") == "fetch"


def _answer(request, message: str, *, status: int = 200, **data):
    """A result for the queue's script, or a message and a redirect for the plain form."""
    if _wants_json(request):
        return JsonResponse({"message": message, **data}, status=status)
    (messages.success if status == 200 else messages.error)(request, message)
    return redirect(_back(request))


@require_POST
@editor_required
def review_decide(request, model_name: str, pk: int):
    if model_name not in REVIEW_MODELS:
        raise Http404("No such kind of record.")
    record = get_object_or_404(REVIEW_MODELS[model_name], pk=pk)
    decision = request.POST.get("decision", "")
    try:
        record = record_review(
            record=record,
            by=request.user,
            decision=decision,
            expected_version=posted_version(request),
        )
    except VersionConflict as error:
        return _answer(request, f"{error} Look at it again before deciding.", status=409)
    except ValidationError as error:
        return _answer(request, " ".join(error.messages), status=400)
    request.session[LAST_DECISION] = {"model": model_name, "pk": record.pk}
    return _answer(
        request,
        f"{ReviewState(decision).label}: {record_label(record)}.",
        decision=ReviewState(decision).label,
        undo={"model": model_name, "pk": record.pk, "version": record.version},
    )


@require_POST
@editor_required
def review_undo(request):
    """Take back the editor's last confirm or reject: the record is unreviewed again."""
    last = review_last_decision(request.session.get(LAST_DECISION), by=request.user)
    posted = (request.POST.get("model", ""), request.POST.get("pk", ""))
    if last is None or posted != (last[0], str(last[1].pk)):
        return _answer(request, "Only your last confirm or reject can be undone.", status=400)
    try:
        record = record_review_undo(
            record=last[1], by=request.user, expected_version=posted_version(request)
        )
    except VersionConflict as error:
        return _answer(request, f"{error} It was not undone.", status=409)
    except ValidationError as error:
        return _answer(request, " ".join(error.messages), status=400)
    del request.session[LAST_DECISION]
    return _answer(
        request, f"Undone: “{record_label(record)}” awaits review again.", version=record.version
    )


@require_POST
@editor_required
def review_article_confirm(request, pk: int):
    """Bulk confirm: every machine-made record this article's evidence supports."""
    article = get_object_or_404(Article.objects.defer("text"), pk=pk)
    rows = Evidence.objects.filter(article=article).filter(unreviewed_evidence())
    confirmed = 0
    request.session.pop(LAST_DECISION, None)  # a bulk confirm is not undone one record at a time
    for item in rows.select_related("content_type"):
        record = item.content_type.get_object_for_this_type(pk=item.object_id)
        if record.origin == Origin.INGESTION and record.review_state == ReviewState.UNREVIEWED:
            record_review(record=record, by=request.user, decision=ReviewState.CONFIRMED)
            confirmed += 1
    messages.success(
        request, f"Confirmed {confirmed} record{'s' if confirmed != 1 else ''} from “{article}”."
    )
    return redirect(_back(request))


@require_POST
@editor_required
def review_link_decide(request, pk: int):
    """Confirm ingestion's link of an article's report to a known record, or undo it."""
    link = get_object_or_404(RecordLink, pk=pk)
    decision = request.POST.get("decision", "")
    try:
        if decision == "moved":
            record_link_move(link=link, by=request.user, target_pk=request.POST.get("record", ""))
        else:
            record_link_decide(link=link, by=request.user, decision=decision)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if decision == "moved":
            messages.success(request, "Linked to the record you chose: the article is read again.")
        elif decision == LinkState.UNLINKED:
            messages.success(
                request,
                "Unlinked: the article is read again, and its report becomes a record of its own.",
            )
        else:
            messages.success(request, "Link confirmed.")
    return redirect(_back(request))
