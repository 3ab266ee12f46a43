"""The general vocabulary files, loaded once per process."""

from functools import cache
from pathlib import Path

import yaml

VOCABULARY_DIR = Path(__file__).parent / "vocabulary"


@cache
def vocabulary(name: str) -> dict:
    with (VOCABULARY_DIR / f"{name}.yaml").open(encoding="utf-8") as file:
        return yaml.safe_load(file)


def phrase_set(name: str, key: str) -> frozenset[str]:
    return frozenset(str(item).lower() for item in vocabulary(name)[key])
