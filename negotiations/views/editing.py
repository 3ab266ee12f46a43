"""Editors' pages: add a development, create and edit records, paste or upload an article."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from actors.forms import ActorForm, RoleForm
from actors.selectors import actor_similar
from actors.services import actor_create, actor_update
from actors.views.editing import actor_context
from core.editing import VersionConflict, record_create, record_update
from core.merge import form_merge, merge_resolve
from core.permissions import editor_required
from core.request_size import too_big_answered
from negotiations.forms import (
    ArticleForm,
    ChannelForm,
    DevelopmentForm,
    EventForm,
    IndictmentForm,
    OfferForm,
    PositionForm,
)
from negotiations.records import RECORD_MODELS, REVIEW_MODELS, record_url
from negotiations.services import channel_create, channel_update, development_record
from sources.choices import ArticleStatus
from sources.models import Article
from sources.services import article_submit

FORMS = {
    "actor": ActorForm,
    "offer": OfferForm,
    "channel": ChannelForm,
    "indictment": IndictmentForm,
    "event": EventForm,
    "position": PositionForm,
    "role": RoleForm,
}


def _model(model_name: str, *, adding: bool = False):
    """A kind of record editors change: every record, and roles, which are edited (and
    their history kept) like the rest but added on their actor's page."""
    models = RECORD_MODELS if adding else REVIEW_MODELS
    if model_name not in models:
        raise Http404("No such kind of record.")
    return models[model_name]


def _save(model_name: str, form, by, record=None):
    """The form's input through the one write path the API uses too."""
    changes, data = form.changes(), form.cleaned_data
    if model_name == "actor":
        if record is None:
            return actor_create(by=by, fields=changes)
        return actor_update(actor=record, by=by, changes=changes, expected_version=data["version"])
    if model_name == "channel":
        people = {"participants": list(data["participants"]), "mediators": list(data["mediators"])}
        if record is None:
            return channel_create(by=by, fields=changes, **people)
        return channel_update(
            channel=record, by=by, changes=changes, expected_version=data["version"], **people
        )
    if record is None:
        return record_create(model=form._meta.model, by=by, fields=changes, m2m=form.m2m())
    return record_update(
        record=record, by=by, changes=changes, m2m=form.m2m(), expected_version=data["version"]
    )


@editor_required
def record_add(request, model_name: str):
    _model(model_name, adding=True)
    if model_name == "event":
        return redirect("negotiations:development_add")
    form = FORMS[model_name](request.POST or None)
    posted = request.method == "POST" and form.is_valid()
    similar = []
    if posted and model_name == "actor" and not request.POST.get("create_anyway"):
        # A name close to a known actor's: offer that one before adding a duplicate.
        similar = actor_similar(name=form.cleaned_data["name"])
    if posted and not similar:
        try:
            record = _save(model_name, form, request.user)
        except ValidationError as error:
            form.apply_error(error)
        else:
            messages.success(request, f"Added {record._meta.verbose_name} “{record}”.")
            return redirect(record_url(record))
    context = {
        "form": form,
        "model_name": model_name,
        "verbose_name": form._meta.model._meta.verbose_name,
        "similar": similar,
    }
    return render(request, "negotiations/editing/record_form.html", context)


@editor_required
def record_edit(request, model_name: str, pk: int):
    record = get_object_or_404(_model(model_name), pk=pk)
    form_class = FORMS[model_name]
    data, merge = request.POST or None, None
    if request.method == "POST":
        # A save from a merge page: the other editor's value where the editor chose it.
        data, merge = merge_resolve(form_class=form_class, data=request.POST, record=record)
    form = form_class(data, instance=record)
    conflict = None
    if merge and merge.conflicts:
        form.is_valid()
        for item in merge.conflicts:
            form.add_error(item.name, "You both changed this: choose which value to keep.")
    elif request.method == "POST" and form.is_valid():
        try:
            saved = _save(model_name, form, request.user, record)
        except VersionConflict as error:
            # Merged with what changed meanwhile; saving it again carries the current version.
            conflict = error
            merge = form_merge(form=form, record=error.record, base_version=error.expected)
            form = merge.form
        except ValidationError as error:
            form.apply_error(error)
        else:
            messages.success(request, f"Saved {saved._meta.verbose_name} “{saved}”.")
            return redirect(request.GET.get("next") if _safe_next(request) else record_url(saved))
    context = {
        "form": form,
        "record": record,
        "model_name": model_name,
        "verbose_name": record._meta.verbose_name,
        "conflict": conflict,
        "merge": merge if merge and (conflict or merge.conflicts) else None,
    }
    if model_name == "actor":
        context |= actor_context(record)
        return render(request, "actors/editing/actor_form.html", context)
    return render(request, "negotiations/editing/record_form.html", context)


def _safe_next(request) -> bool:
    target = request.GET.get("next", "")
    return bool(target) and url_has_allowed_host_and_scheme(target, {request.get_host()})


@editor_required
def development_add(request):
    """An event with its date, actors, links, source and any status change it makes."""
    initial = {
        name: request.GET[name]
        for name in ("offer", "channel", "indictment", "article", "quote", "status_to")
        if request.GET.get(name)
    }
    form = DevelopmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            event = development_record(
                by=request.user,
                fields=form.changes(),
                actors=[*form.cleaned_data["actors"], *form.named_actors],
                new_actor_names=form.new_actor_names,
                source=form.source(),
            )
        except ValidationError as error:
            form.apply_error(error)
        else:
            messages.success(request, f"Added the development “{event.title}”.")
            return redirect(record_url(event))
    return render(request, "negotiations/editing/development_form.html", {"form": form})


@editor_required
@too_big_answered
def article_add(request):
    """Paste or upload an article: the same service as the command line and the API."""
    form = ArticleForm(request.POST or None, request.FILES or None)
    if request.too_big:
        form.refuse_too_big()
        return render(request, "negotiations/editing/article_form.html", {"form": form}, status=413)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            submission = article_submit(
                text=data["text"],
                published_on=data["published_on"],
                title=data["title"],
                publisher=data["publisher"],
                url=data["url"],
                submitted_by=request.user,
            )
        except ValidationError as error:
            form.apply_error(error)
        else:
            if not submission.created:
                messages.info(request, "This article was already stored; showing it.")
            if submission.article.waiting_for_queue:
                messages.warning(
                    request,
                    "The article is stored, but the ingestion queue is unavailable: it will "
                    "be ingested automatically when the queue is back.",
                )
            return redirect("negotiations:article_progress", submission.article.pk)
    return render(request, "negotiations/editing/article_form.html", {"form": form})


@editor_required
def article_progress(request, pk: int):
    article = get_object_or_404(Article.objects.defer("text"), pk=pk)
    context = {
        "article": article,
        "finished": article.status in (ArticleStatus.DONE, ArticleStatus.FAILED),
        "status_url": reverse("negotiations:article_status", args=[pk]),
        "review_url": f"{reverse('negotiations:review')}?article={pk}",
    }
    return render(request, "negotiations/editing/article_progress.html", context)


@require_GET
@editor_required
def article_status(request, pk: int):
    """What the progress page polls: the ingestion's state, and where to go when done."""
    article = get_object_or_404(Article.objects.only("status", "error"), pk=pk)
    return JsonResponse(
        {
            "status": article.status,
            "label": article.get_status_display(),
            "error": article.error,
            "done": article.status == ArticleStatus.DONE,
            "failed": article.status == ArticleStatus.FAILED,
            "review_url": f"{reverse('negotiations:review')}?article={pk}",
        }
    )
