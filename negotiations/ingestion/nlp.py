"""The spaCy pipeline, loaded once per process (so once per Celery worker process)."""

from functools import cache

import spacy
from django.conf import settings
from spacy.language import Language
from spacy.tokens import Doc

from negotiations.ingestion.mentions import actor_mentions  # noqa: F401 (registers it)
from negotiations.ingestion.vocabulary import check_vocabulary, vocabulary


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """A line break always ends a sentence: headlines and datelines stand alone."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


def _group_patterns() -> list[dict]:
    patterns = []
    for side, words in vocabulary("actors")["side_groups"].items():
        for word in words:
            pattern = [{"POS": {"IN": ["ADJ", "PROPN"]}, "OP": "*"}, {"LOWER": word}]
            patterns.append({"label": "NORP_GROUP", "pattern": pattern, "id": side})
    return patterns


def _organization_patterns() -> list[dict]:
    """Names spaCy's small model misses: capitalised words ending in what an organisation
    is ("Civic Platform", "National Unity coalition"), perhaps "of" a place, and
    "Government of X"."""
    kinds = vocabulary("actors")["kind_words"]
    heads = sorted({w for key in ("institution", "group") for w in kinds[key]})
    name = {"IS_TITLE": True, "POS": {"IN": ["PROPN", "ADJ"]}, "OP": "+"}
    place = [{"LOWER": "of"}, {"IS_TITLE": True, "POS": "PROPN", "OP": "+"}]
    head = {"LOWER": {"IN": heads}}
    return [
        {"label": "ORG", "pattern": [name, head, *place]},
        {"label": "ORG", "pattern": [name, head]},
        {"label": "ORG", "pattern": [{"LOWER": "government", "IS_TITLE": True}, *place]},
    ]


@cache
def get_nlp() -> Language:
    check_vocabulary()  # a misnamed kind, status or side stops here, said plainly
    nlp = spacy.load(settings.NLP_MODEL)
    nlp.add_pipe("paragraph_sentences", before="parser")
    # Before the recognizer, which keeps these and reads around them.
    organizations = nlp.add_pipe("entity_ruler", name="organization_ruler", before="ner")
    organizations.add_patterns(_organization_patterns())
    ruler = nlp.add_pipe("entity_ruler", after="ner", config={"overwrite_ents": False})
    ruler.add_patterns(_group_patterns())
    nlp.add_pipe("actor_mentions", after="entity_ruler")
    return nlp
