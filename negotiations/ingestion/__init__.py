"""Turning an article's text into cited records: spaCy plus general domain rules.

Bump EXTRACTOR_VERSION when the rules change; re-ingestion then updates what
ingestion made and leaves what editors decided alone.
"""

EXTRACTOR_VERSION = "0.1.0"
