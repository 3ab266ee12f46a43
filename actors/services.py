"""Editors' writes on actors: creation, aliases, roles, and merging or splitting actors."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import slugify

from actors.models import Actor, Alias, Role
from actors.normalize import normalize_name
from core.editing import record_create, record_update


def actor_slug(name: str, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:200] or "actor"
    slug, n = base, 1
    while Actor.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def actor_create(*, by, fields: dict) -> Actor:
    """A new actor with its name as its first alias; a name another actor has is refused."""
    name = (fields.get("name") or "").strip()
    _alias_check(name)
    actor = record_create(
        model=Actor, by=by, fields={**fields, "name": name, "slug": actor_slug(name)}
    )
    alias = Alias(actor=actor, name=name)
    alias._history_user = by
    alias.save()
    return actor


@transaction.atomic
def actor_update(*, actor: Actor, by, changes: dict, expected_version: int | None = None) -> Actor:
    """Edit an actor; a new display name becomes an alias too (refused if another actor's)."""
    name = (changes.get("name") or actor.name).strip()
    taken = Alias.objects.filter(normalized=normalize_name(name)).first()
    if taken is not None and taken.actor_id != actor.pk:
        raise ValidationError({"name": f"“{name}” is already an alias of {taken.actor.name}."})
    actor = record_update(
        record=actor, by=by, changes={**changes, "name": name}, expected_version=expected_version
    )
    if taken is None:
        alias_add(actor=actor, name=name, by=by)
    return actor


def _alias_check(name: str, field: str = "name") -> None:
    alias = Alias(name=name)
    try:
        alias.clean()
    except ValidationError as error:
        raise ValidationError({field: error.message_dict["name"]}) from None


def alias_add(*, actor: Actor, name: str, by) -> Alias:
    """Another spelling of the actor's name; one that belongs to another actor is refused."""
    alias = Alias(actor=actor, name=name.strip())
    alias.full_clean()
    alias._history_user = by
    alias.save()
    return alias


def alias_delete(*, alias: Alias, by) -> None:
    if normalize_name(alias.actor.name) == alias.normalized:
        raise ValidationError("The actor's display name stays an alias; rename the actor first.")
    alias._history_user = by
    alias.delete()


@transaction.atomic
def alias_split(*, alias: Alias, by) -> Actor:
    """Split a wrongly merged alias off into an actor of its own (same kind, unknown side)."""
    original = alias.actor
    if normalize_name(original.name) == alias.normalized:
        raise ValidationError("This is the actor's own name; rename the actor before splitting.")
    actor = record_create(
        model=Actor,
        by=by,
        fields={"name": alias.name, "slug": actor_slug(alias.name), "kind": original.kind},
    )
    alias.actor = actor
    alias._history_user = by
    alias.save()
    return actor


def role_add(*, actor: Actor, by, fields: dict) -> Role:
    return record_create(model=Role, by=by, fields={**fields, "actor": actor})


def _unique_together_fields(model) -> list[tuple[str, ...]]:
    return [
        tuple(c.fields)
        for c in model._meta.constraints
        if isinstance(c, models.UniqueConstraint) and c.fields
    ]


@transaction.atomic
def actor_merge(*, keep: Actor, duplicate: Actor, by) -> Actor:
    """Fold `duplicate` into `keep`: every alias, role, link and piece of evidence moves.

    Links are found from the model's relations, so a relation added later is moved too.
    Where both were linked to the same thing (the same channel, the same offer), the
    kept actor's link stays and the duplicate's goes. The duplicate is then deleted;
    its history (and this merge, in the kept actor's history) remain.
    """
    if keep.pk == duplicate.pk:
        raise ValidationError({"duplicate": "Choose another actor to merge into this one."})
    keep = Actor.objects.select_for_update().get(pk=keep.pk)
    duplicate = Actor.objects.select_for_update().get(pk=duplicate.pk)
    for relation in Actor._meta.related_objects:
        if relation.many_to_many:
            _move_m2m(relation, keep, duplicate)
        elif relation.one_to_many:
            _move_fk(relation.related_model, relation.field.name, keep, duplicate)
    # Evidence citing the actor (a generic relation), minus spans the kept actor already has.
    from negotiations.models import Evidence

    ct = ContentType.objects.get_for_model(Actor)
    mine = Evidence.objects.filter(content_type=ct, object_id=keep.pk)
    theirs = Evidence.objects.filter(content_type=ct, object_id=duplicate.pk)
    spans = set(mine.values_list("article_id", "start", "end"))
    for evidence in theirs:
        if (evidence.article_id, evidence.start, evidence.end) in spans:
            evidence.delete()
        else:
            evidence.object_id = keep.pk
            evidence._history_user = by
            evidence.save()
    if not Alias.objects.filter(normalized=normalize_name(duplicate.name)).exists():
        Alias.objects.create(actor=keep, name=duplicate.name)
    changes = {}
    if keep.first_reported_on and duplicate.first_reported_on:
        changes["first_reported_on"] = min(keep.first_reported_on, duplicate.first_reported_on)
    if keep.side == "unknown" and duplicate.side != "unknown":
        changes["side"] = duplicate.side
    duplicate._history_user = by
    duplicate._change_reason = f"merged into {keep.name} (#{keep.pk})"
    duplicate.delete()
    # An update like any other: versioned, recorded, and (if machine-made) now "corrected".
    return record_update(
        record=keep, by=by, changes=changes, reason=f"merged {duplicate.name} into it"
    )


def _move_fk(model, field: str, keep: Actor, duplicate: Actor) -> None:
    rows = model.objects.filter(**{field: duplicate})
    for fields in _unique_together_fields(model):
        if field in fields:
            others = [f for f in fields if f != field]
            taken = model.objects.filter(**{field: keep}).values_list(*others)
            for values in taken:
                rows.filter(**dict(zip(others, values, strict=True))).delete()
    rows.update(**{field: keep})


def _move_m2m(relation, keep: Actor, duplicate: Actor) -> None:
    through = relation.through
    if not through._meta.auto_created:
        return  # a through model is a model with its own FK: _move_fk handles it
    source = relation.field.m2m_reverse_field_name()  # the through FK to Actor
    target = relation.field.m2m_field_name()  # the through FK to the other record
    already = through.objects.filter(**{source: keep}).values_list(f"{target}_id", flat=True)
    through.objects.filter(**{source: duplicate, f"{target}_id__in": list(already)}).delete()
    through.objects.filter(**{source: duplicate}).update(**{source: keep})
