"""Sentences no evidence quotes but that read like the domain: a plain split, no spaCy."""

import os
import subprocess
import sys

from django.conf import settings

from negotiations.missed_sentences import missed_sentences, sentence_spans


def _sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


def test_sentences_split_at_ends_but_not_at_initials_or_titles():
    text = 'The U.S. envoy met Gen. Ruiz in Oslo. "We agreed," he said!  Why now?\n\nA new line'
    assert _sentences(text) == [
        "The U.S. envoy met Gen. Ruiz in Oslo.",
        '"We agreed," he said!',
        "Why now?",
        "A new line",
    ]


def test_only_unquoted_sentences_with_words_of_the_domain():
    text = (
        "An amnesty was offered. The weather was mild. Negotiations resumed. "
        "Sanctions could be lifted soon."
    )
    quoted = [(0, 10)]  # overlaps the first sentence
    found = missed_sentences(text, quoted)
    assert [m.text for m in found] == ["Negotiations resumed.", "Sanctions could be lifted soon."]
    assert all(text[m.start : m.end] == m.text for m in found)


def test_words_match_whole_words_only():
    # "talks" is a word of the domain; "stalkers" holds it but is not it.
    assert missed_sentences("The stalkers left.", []) == []
    assert [m.text for m in missed_sentences("The talks ended.", [])] == ["The talks ended."]


def test_finding_them_loads_no_spacy_model():
    # A fresh interpreter: this test process may have loaded the model for other tests.
    # (The spacy package itself is imported by the Celery tasks' module at start-up.)
    script = (
        "import django; django.setup(); "
        "from negotiations.ingestion.nlp import get_nlp; "
        "from negotiations.missed_sentences import missed_sentences; "
        "assert missed_sentences('Talks resumed.', []); "
        "print(get_nlp.cache_info().currsize)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings_test"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True,
        cwd=settings.BASE_DIR,
    )  # fmt: skip
    assert result.stdout.strip().splitlines()[-1] == "0"
