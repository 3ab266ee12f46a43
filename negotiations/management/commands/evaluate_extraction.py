"""python manage.py evaluate_extraction DIR [--out DIR] [--misses]"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from negotiations.evaluation.corpus import CorpusError, evaluate_corpus
from negotiations.evaluation.scoring import TYPES, Counts


def _row(label: str, counts: Counts) -> str:
    return (
        f"{label:<16}{counts.gold:>6}{counts.extracted:>11}{counts.matched:>9}"
        f"{counts.precision:>7.2f}{counts.recall:>7.2f}{counts.f1:>7.2f}"
    )


def _brief(item: dict) -> str:
    shown = {k: v for k, v in item.items() if k not in {"quote", "note", "aliases"}}
    return json.dumps(shown, ensure_ascii=False, default=str)[:300]


def _in_throwaway_database(run):
    """Run against a fresh, migrated database that is dropped afterwards, as Django's test
    runner does: the figures never depend on what the real database already knows (ingestion
    links reports to known records), and the real data is never touched."""
    connection = connections[DEFAULT_DB_ALIAS]
    original = connection.settings_dict["NAME"]
    if connection.vendor != "sqlite":  # SQLite's throwaway database is in memory.
        connection.settings_dict["TEST"] = {
            **connection.settings_dict.get("TEST", {}),
            "NAME": f"{original}_evaluation",
        }
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        return run()
    finally:
        connection.creation.destroy_test_db(original, verbosity=0)


class Command(BaseCommand):
    help = (
        "Run ingestion over a corpus folder (articles/*.txt with .json metadata, gold/*.json) "
        "in a throwaway database, and score it against the gold."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument("--out", type=Path, help="Write each article's extraction here.")
        parser.add_argument(
            "--misses",
            action="store_true",
            help="List each missed gold item and each unmatched extraction, with its quote.",
        )

    def handle(self, *args, folder: Path, out: Path | None, misses: bool, **options):
        try:
            result = _in_throwaway_database(lambda: evaluate_corpus(folder))
        except CorpusError as exc:
            raise CommandError(str(exc)) from exc
        if out:
            out.mkdir(parents=True, exist_ok=True)
            for article in result.articles:
                (out / f"{article.stem}.json").write_text(
                    json.dumps(article.extracted, ensure_ascii=False, indent=1), encoding="utf-8"
                )
        header = f"{'type':<16}{'gold':>6}{'extracted':>11}{'matched':>9}{'P':>7}{'R':>7}{'F1':>7}"
        for article in result.articles:
            if article.error:
                self.stderr.write(self.style.ERROR(f"failed  {article.stem}: {article.error}"))
            if not misses:
                continue
            self.stdout.write(f"\n{article.stem}")
            for kind, type_score in article.scores.items():
                for item in type_score.missed:
                    self.stdout.write(f"  missed    {kind}: {_brief(item)}")
                    self.stdout.write(f"            « {item.get('quote', '')} »")
                for item in type_score.unmatched:
                    self.stdout.write(f"  unmatched {kind}: {_brief(item)}")
                    self.stdout.write(f"            « {item.get('quote', '')} »")
        pooled = result.pooled()
        self.stdout.write(f"\n{len(result.articles)} articles, pooled\n{header}")
        for kind in TYPES:
            self.stdout.write(_row(kind, pooled[kind]))
