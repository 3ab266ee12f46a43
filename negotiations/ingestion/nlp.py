"""The spaCy pipeline, loaded once per process (so once per Celery worker process)."""

from functools import cache

import spacy
from django.conf import settings
from spacy.language import Language
from spacy.tokens import Doc

from negotiations.ingestion.vocabulary import vocabulary


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


@cache
def get_nlp() -> Language:
    nlp = spacy.load(settings.NLP_MODEL)
    nlp.add_pipe("paragraph_sentences", before="parser")
    ruler = nlp.add_pipe("entity_ruler", after="ner", config={"overwrite_ents": False})
    ruler.add_patterns(_group_patterns())
    return nlp
