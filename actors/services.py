"""Editors' writes on actors: creation, aliases, roles, and merging or splitting actors."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import slugify

from actors.models import Actor, ActorRedirect, Alias, Role
from actors.normalize import normalize_name
from core.editing import record_create, record_update
from core.models import Fact
from sources.models import Evidence


def actor_slug(name: str, exclude_pk: int | None = None) -> str:
    """A free address for `name`: no actor's, and no merged actor's (that one redirects)."""
    base = slugify(name)[:200] or "actor"
    slug, n = base, 1
    while (
        Actor.objects.filter(slug=slug).exclude(pk=exclude_pk).exists()
        or ActorRedirect.objects.filter(slug=slug).exists()
    ):
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
    kept actor's link stays and the duplicate's goes. Every record whose links change
    gets a new version and a history row naming the editor and the merge, so API
    clients syncing by `updated_since` (and stale If-Match writes) see it. The duplicate
    is then deleted; its history (and this merge, in the kept actor's history) remain.
    """
    if keep.pk == duplicate.pk:
        raise ValidationError({"duplicate": "Choose another actor to merge into this one."})
    keep = Actor.objects.select_for_update().get(pk=keep.pk)
    duplicate = Actor.objects.select_for_update().get(pk=duplicate.pk)
    # Decided before the aliases move: afterwards the duplicate's own alias is keep's.
    name_is_alias = Alias.objects.filter(normalized=normalize_name(duplicate.name)).exists()
    merge = _Merge(keep=keep, duplicate=duplicate, by=by)
    for relation in Actor._meta.related_objects:
        if relation.many_to_many:
            merge.move_m2m(relation)
        elif relation.one_to_many:
            merge.move_fk(relation.related_model, relation.field.name)
    # Evidence citing the actor (a generic relation), minus spans the kept actor already has.
    ct = ContentType.objects.get_for_model(Actor)
    mine = Evidence.objects.filter(content_type=ct, object_id=keep.pk)
    theirs = Evidence.objects.filter(content_type=ct, object_id=duplicate.pk)
    spans = set(mine.values_list("article_id", "start", "end"))
    for evidence in theirs:
        evidence._history_user = by
        if (evidence.article_id, evidence.start, evidence.end) in spans:
            evidence.delete()
        else:
            evidence.object_id = keep.pk
            evidence.save()
    merge.touch_owners()
    if not name_is_alias:
        alias_add(actor=keep, name=duplicate.name, by=by)
    changes = {}
    if keep.first_reported_on and duplicate.first_reported_on:
        changes["first_reported_on"] = min(keep.first_reported_on, duplicate.first_reported_on)
    if keep.side == "unknown" and duplicate.side != "unknown":
        changes["side"] = duplicate.side
    # The duplicate's address leads to the kept actor from now on (its own older
    # addresses moved with the other links above).
    ActorRedirect.objects.create(slug=duplicate.slug, old_id=duplicate.pk, actor=keep)
    duplicate._history_user = by
    duplicate._change_reason = f"merged into {keep.name} (#{keep.pk})"
    duplicate.delete()
    # An update like any other: versioned, recorded, and (if machine-made) now "corrected".
    return record_update(
        record=keep, by=by, changes=changes, reason=f"merged {duplicate.name} into it"
    )


class _Merge:
    """Moves one actor's links to another, row by row, so each change is versioned and
    recorded (a queryset .update() would leave no history and no new version)."""

    def __init__(self, *, keep: Actor, duplicate: Actor, by):
        self.keep, self.duplicate, self.by = keep, duplicate, by
        self.reason = f"actor {duplicate.name} (#{duplicate.pk}) merged into {keep.name}"
        self.owners: dict[tuple[type, int], models.Model] = {}  # records whose links changed

    def _save(self, row: models.Model) -> None:
        if isinstance(row, Fact):
            row.version += 1
        row._history_user = self.by
        row._change_reason = self.reason
        row.save()

    def _note_owners(self, row: models.Model, field: str) -> None:
        """A link row (a channel's participant) belongs to a record, which changes too."""
        if isinstance(row, Fact):
            return
        for other in row._meta.concrete_fields:
            if other.many_to_one and other.name != field and issubclass(other.related_model, Fact):
                owner = getattr(row, other.name)
                if owner is not None and not isinstance(owner, Actor):
                    self.owners[(type(owner), owner.pk)] = owner

    def move_fk(self, model, field: str) -> None:
        taken = []  # (other fields, their values) of links the kept actor already has
        for fields in _unique_together_fields(model):
            if field in fields:
                others = [model._meta.get_field(f).attname for f in fields if f != field]
                mine = model.objects.filter(**{field: self.keep}).values_list(*others)
                taken += [(others, tuple(values)) for values in mine]
        for row in model.objects.filter(**{field: self.duplicate}):
            self._note_owners(row, field)
            if any(tuple(getattr(row, f) for f in others) == values for others, values in taken):
                row._history_user = self.by
                row._change_reason = self.reason
                row.delete()  # the kept actor's link stays
                continue
            setattr(row, field, self.keep)
            self._save(row)

    def move_m2m(self, relation) -> None:
        through = relation.through
        if not through._meta.auto_created:
            return  # a through model is a model with its own FK: move_fk handles it
        source = relation.field.m2m_reverse_field_name()  # the through FK to Actor
        target = relation.field.m2m_field_name()  # the through FK to the other record
        linked = through.objects.filter(**{source: self.duplicate})
        owner_ids = list(linked.values_list(f"{target}_id", flat=True))
        if not owner_ids:
            return
        already = through.objects.filter(**{source: self.keep}).values_list(
            f"{target}_id", flat=True
        )
        linked.filter(**{f"{target}_id__in": list(already)}).delete()
        linked.update(**{source: self.keep})
        for owner in relation.related_model.objects.filter(pk__in=owner_ids):
            self.owners[(type(owner), owner.pk)] = owner

    def touch_owners(self) -> None:
        """A new version and a history row (with its many-to-many sets) for each record."""
        for owner in self.owners.values():
            owner.refresh_from_db()
            self._save(owner)
