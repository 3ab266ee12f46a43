"""Sentences of an article that no evidence quotes but that read like the domain.

The web process does not load spaCy: sentences are split by a plain rule, and the domain's
words come from the ingestion vocabulary (negotiations/ingestion/vocabulary/*.yaml).
"""

import re
from dataclasses import dataclass
from functools import cache

from negotiations.ingestion.vocabulary import vocabulary

# A sentence ends at . ! or ? (and a closing quote or bracket) before a space and a capital,
# a digit or an opening quote, unless the dot closes an initial ("U.S.", "J. Smith");
# a blank line ends one too.
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<=[.!?])[\"”’)\]]*\s+(?=[\"“‘(¿¡]?[A-Z0-9])|\n\s*\n")
# Titles written with a dot that a capitalised name follows ("Gen. Smith").
_ABBREVIATIONS = frozenset(
    [
        "gen",
        "col",
        "lt",
        "maj",
        "capt",
        "sgt",
        "adm",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sen",
        "rep",
        "gov",
        "pres",
        "st",
        "sr",
        "jr",
        "no",
        "vs",
    ]
)
_LAST_WORD = re.compile(r"(\w+)\.$")
MAX_PER_ARTICLE = 40


@dataclass(frozen=True)
class MissedSentence:
    start: int
    end: int
    text: str


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, without the whitespace around it."""
    spans, start = [], 0
    for boundary in _SENTENCE_END.finditer(text):
        word = _LAST_WORD.search(text, max(0, boundary.start() - 12), boundary.start())
        if word and word.group(1).lower() in _ABBREVIATIONS:
            continue
        spans.append((start, boundary.start() + len(boundary.group().rstrip())))
        start = boundary.end()
    spans.append((start, len(text)))
    trimmed = []
    for begin, end in spans:
        chunk = text[begin:end]
        begin += len(chunk) - len(chunk.lstrip())
        end -= len(chunk) - len(chunk.rstrip())
        if end > begin:
            trimmed.append((begin, end))
    return trimmed


def _words(values) -> list[str]:
    if isinstance(values, dict):
        return [word for group in values.values() for word in _words(group)]
    return [str(value) for value in values]


@cache
def domain_pattern() -> re.Pattern:
    """Words of offers, events and talks, whole words (a plural too), and the offers' patterns."""
    offers, events, channels = vocabulary("offers"), vocabulary("events"), vocabulary("channels")
    words = {
        *_words(offers["kinds"]),
        *_words(offers["offer_nouns"]),
        *_words(events["kinds"]),
        *_words(channels["talks_words"]),
        *_words(channels["agreement_words"]),
    }
    alternatives = [
        rf"\b{re.escape(word)}(?:s|es)?\b" for word in sorted(words, key=len, reverse=True)
    ]
    alternatives += _words(offers["patterns"]) + _words(offers["promises"])
    return re.compile("|".join(alternatives), re.IGNORECASE)


def missed_sentences(text: str, quoted: list[tuple[int, int]]) -> list[MissedSentence]:
    """The sentences of `text` that overlap no quoted span and hold a word of the domain."""
    pattern = domain_pattern()
    found = []
    for start, end in sentence_spans(text):
        if any(q_start < end and start < q_end for q_start, q_end in quoted):
            continue
        if pattern.search(text, start, end):
            found.append(MissedSentence(start, end, text[start:end]))
            if len(found) == MAX_PER_ARTICLE:
                break
    return found
