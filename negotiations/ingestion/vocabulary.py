"""The general vocabulary files, loaded once per process, and checked against the models.

Each file opens with a comment saying what it recognises; `README.md` beside this
module says how they are read.
"""

from functools import cache
from pathlib import Path

import yaml
from django.core.exceptions import ImproperlyConfigured

from actors.choices import ActorKind, Side
from negotiations.choices import EventKind, OfferKind, OfferStatus

VOCABULARY_DIR = Path(__file__).parent / "vocabulary"


@cache
def vocabulary(name: str) -> dict:
    with (VOCABULARY_DIR / f"{name}.yaml").open(encoding="utf-8") as file:
        return yaml.safe_load(file)


@cache  # rules ask for their sets per word: tens of thousands of times in a long article
def phrase_set(name: str, key: str) -> frozenset[str]:
    return frozenset(str(item).lower() for item in vocabulary(name)[key])


# What each file names, by key, and the model choices it must be one of.
_NAMED_CHOICES = [
    ("events", "event kind", EventKind, lambda v: v["kinds"]),
    ("offers", "offer kind", OfferKind, lambda v: [*v["kinds"], *v["patterns"], *v["promises"]]),
    ("statuses", "offer status", OfferStatus,
     lambda v: [k for k in v if k not in {"granted", "channel_dormant", "channel_concluded"}]),
    ("sides", "side", Side, lambda v: v["countries"].values()),
    ("actors", "side", Side, lambda v: v["side_groups"]),
    ("actors", "actor kind", ActorKind, lambda v: v["kind_words"]),
]  # fmt: skip


def vocabulary_problems(load=vocabulary) -> list[str]:
    """Every kind, status and side a vocabulary file names that the models do not have."""
    problems = []
    for name, what, choices, names in _NAMED_CHOICES:
        for value in names(load(name)):
            if value not in choices.values:
                problems.append(
                    f"vocabulary/{name}.yaml names {what} {value!r}, which is not one of "
                    f"{', '.join(choices.values)}."
                )
    return problems


def check_vocabulary() -> None:
    problems = vocabulary_problems()
    if problems:
        raise ImproperlyConfigured(" ".join(problems))
