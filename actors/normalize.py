"""The normalised form of a name, under which an alias is unique, and how close two are."""

import re
import unicodedata
from difflib import SequenceMatcher

_LEADING_ARTICLE = re.compile(r"^(the)\s+")
_NON_WORD = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


def normalize_name(name: str) -> str:
    """Fold case, accents, punctuation, possessives and a leading 'the'.

    'the U.S.' and 'U.S.' both give 'us'; 'Nicolás' and 'Nicolas' match.
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").casefold().strip()
    text = re.sub(r"'s$", "", text)
    text = _NON_WORD.sub("", text)
    text = _SPACES.sub(" ", text).strip()
    return _LEADING_ARTICLE.sub("", text)


# Words that say nothing about who is meant, when one name is the other plus a word.
_FILLER = {"of", "the", "and", "de", "del", "la", "el", "y"}


def name_similarity(first: str, second: str) -> float:
    """How close two normalised names are, from 0 to 1 (1: the same name).

    Close: the same words in another order, an initial for a word ('a pinzon',
    'arturo pinzon'), one name the other with one word more ('maduro', 'nicolas
    maduro'), or a near spelling (difflib's ratio, on the words as written and sorted).
    """
    if first == second:
        return 1.0
    a, b = first.split(), second.split()
    if sorted(a) == sorted(b):
        return 0.95
    if len(a) == len(b) and all(_same_word(x, y) for x, y in zip(a, b, strict=True)):
        return 0.9
    shorter, longer = sorted((set(a), set(b)), key=len)
    if len(longer) - len(shorter) == 1 and shorter - _FILLER and shorter <= longer:
        return 0.86
    return max(
        SequenceMatcher(None, first, second).ratio(),
        SequenceMatcher(None, " ".join(sorted(a)), " ".join(sorted(b))).ratio(),
    )


def _same_word(first: str, second: str) -> bool:
    """The same word, or an initial for it."""
    if first == second:
        return True
    short, long = sorted((first, second), key=len)
    return len(short) == 1 and long.startswith(short)
