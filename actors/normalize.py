"""The normalised form of a name, under which an alias is unique."""

import re
import unicodedata

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
