"""Extraction measured against a gold-annotated corpus (see tests/data/corpus/README.md)."""
