"""Editors' actions on an actor: aliases, roles, merging a duplicate, splitting an alias off.

The actor's own fields are edited at negotiations:record_edit ("actor", pk), which
renders actors/editing/actor_form.html with `actor_context`.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from actors.forms import ActorForm, AliasForm, MergeForm, RoleForm
from actors.models import Actor, Alias
from actors.services import actor_merge, alias_add, alias_delete, alias_split, role_add
from core.permissions import editor_required


def actor_context(actor: Actor, **forms) -> dict:
    return {
        "aliases": actor.aliases.order_by("name"),
        "roles": actor.roles.select_related("organization").order_by("-started_on"),
        "alias_form": forms.get("alias_form") or AliasForm(),
        "role_form": forms.get("role_form") or RoleForm(),
        "merge_form": forms.get("merge_form") or _merge_form(actor),
    }


def _merge_form(actor: Actor, data=None) -> MergeForm:
    form = MergeForm(data)
    form.fields["duplicate"].queryset = Actor.objects.exclude(pk=actor.pk).order_by("name")
    return form


def _edit_url(actor_id: int) -> str:
    return reverse("negotiations:record_edit", args=["actor", actor_id])


def _rerender(request, actor: Actor, **forms):
    """Show the actor's page again with a sub-form's errors in place (nothing was saved)."""
    context = {
        "form": ActorForm(instance=actor),
        "record": actor,
        "model_name": "actor",
        "verbose_name": "actor",
        **actor_context(actor, **forms),
    }
    return render(request, "actors/editing/actor_form.html", context, status=400)


@require_POST
@editor_required
def actor_alias_add(request, pk: int):
    actor = get_object_or_404(Actor, pk=pk)
    form = AliasForm(request.POST)
    if form.is_valid():
        try:
            alias = alias_add(actor=actor, name=form.cleaned_data["name"], by=request.user)
        except ValidationError as error:
            form.add_error("name", error.message_dict.get("name", error.messages))
        else:
            messages.success(request, f"Added the alias “{alias}”.")
            return redirect(_edit_url(pk))
    return _rerender(request, actor, alias_form=form)


@require_POST
@editor_required
def actor_alias_delete(request, pk: int):
    alias = get_object_or_404(Alias.objects.select_related("actor"), pk=pk)
    try:
        alias_delete(alias=alias, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Removed the alias “{alias.name}”.")
    return redirect(_edit_url(alias.actor_id))


@require_POST
@editor_required
def actor_alias_split(request, pk: int):
    alias = get_object_or_404(Alias.objects.select_related("actor"), pk=pk)
    original = alias.actor_id
    try:
        actor = alias_split(alias=alias, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_edit_url(original))
    messages.success(request, f"“{alias.name}” is now an actor of its own; set its side here.")
    return redirect(_edit_url(actor.pk))


@require_POST
@editor_required
def actor_role_add(request, pk: int):
    actor = get_object_or_404(Actor, pk=pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            role = role_add(actor=actor, by=request.user, fields=form.changes())
        except ValidationError as error:
            form.apply_error(error)
        else:
            messages.success(request, f"Added the role “{role.title}”.")
            return redirect(_edit_url(pk))
    return _rerender(request, actor, role_form=form)


@require_POST
@editor_required
def actor_merge_view(request, pk: int):
    actor = get_object_or_404(Actor, pk=pk)
    form = _merge_form(actor, request.POST)
    if form.is_valid():
        duplicate = form.cleaned_data["duplicate"]
        try:
            actor_merge(keep=actor, duplicate=duplicate, by=request.user)
        except ValidationError as error:
            form.add_error("duplicate", error.message_dict.get("duplicate", error.messages))
        else:
            messages.success(request, f"Merged “{duplicate.name}” into “{actor.name}”.")
            return redirect(_edit_url(pk))
    return _rerender(request, actor, merge_form=form)
