"""Keyset (seek) positions shared by the API's cursors and the pages: no OFFSET, so a
page deep in a long list costs what the first one does (an index range scan)."""

from collections.abc import Sequence

from django.db.models import Q


def keyset_after(keys: Sequence[str], position: Sequence, *, descending: bool = False) -> Q:
    """Rows strictly after `position` in the order of `keys` (the last key unique),
    ascending or descending, with a range bound on the first key for the index."""
    op = "lt" if descending else "gt"
    bound = Q(**{f"{keys[0]}__{op}e": position[0]})
    after = Q(**{f"{keys[-1]}__{op}": position[-1]})
    for key, value in reversed(list(zip(keys[:-1], position[:-1], strict=True))):
        after = Q(**{f"{key}__{op}": value}) | (Q(**{key: value}) & after)
    return bound & after
