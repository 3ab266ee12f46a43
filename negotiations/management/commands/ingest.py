"""python manage.py ingest FILE|DIR [--published YYYY-MM-DD] [--title --publisher --url]"""

import datetime as dt
import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from sources.services import article_submit


def _date(value: str, source: str = "--published") -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"{source}: {value!r} is not a date (YYYY-MM-DD).") from exc


def _json_kind(value: object) -> str:
    """What a JSON value is, in JSON's words."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "an object"


def _has_nul(value: object) -> bool:
    # PostgreSQL stores no NUL character, in a column or in JSON.
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _sidecar(meta_file: Path) -> dict:
    """The metadata in a .json sidecar ({} if there is none), checked so that whatever is
    wrong with it fails its own article, with a CommandError saying what."""
    if not meta_file.exists():
        return {}
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise CommandError(f"{meta_file.name} is not UTF-8 text.") from exc
    except json.JSONDecodeError as exc:
        raise CommandError(f"{meta_file.name} is not valid JSON: {exc}") from exc
    if not isinstance(meta, dict):
        raise CommandError(f"{meta_file.name} must hold an object, not {_json_kind(meta)}.")
    problems = [
        f"'{key}' must be a string, not {_json_kind(meta[key])}"
        for key in ("title", "publisher", "url", "published")
        if meta.get(key) is not None and not isinstance(meta[key], str)
    ]
    if _has_nul(meta):
        problems.append("it contains a NUL character")
    if problems:
        raise CommandError(f"{meta_file.name}: {'; '.join(problems)}.")
    return meta


class Command(BaseCommand):
    help = (
        "Store and ingest an article file, or every .txt file of a directory "
        "(metadata from a .json file beside each: title, publisher, url, published)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--published", help="Publication date, YYYY-MM-DD.")
        parser.add_argument("--title", default="")
        parser.add_argument("--publisher", default="")
        parser.add_argument("--url", default="")

    def handle(self, *args, path: Path, **options):
        if path.is_dir():
            files = sorted(path.glob("*.txt"))
            if not files:
                raise CommandError(f"{path} holds no .txt files.")
        elif path.is_file():
            files = [path]
        else:
            raise CommandError(f"{path} does not exist.")

        counts = {"stored": 0, "known": 0, "failed": 0, "waiting": 0}
        failures = []
        warnings = []
        for file in tqdm(files, desc="Ingesting", unit="article", disable=len(files) < 2):
            try:
                submission = self._submit(file, options)
            except (ValidationError, CommandError, UnicodeDecodeError, OSError) as exc:
                counts["failed"] += 1
                failures.append(f"{file.name}: {_reason(exc)}")
                continue
            warnings += [f"{file.name}: {note}" for note in submission.notes]
            article = submission.article
            if article.waiting_for_queue:
                counts["waiting"] += 1
                warnings.append(
                    f"{file.name}: stored as article {article.pk}, not queued: the broker is "
                    "unavailable. `manage.py ingest_pending` (or Celery beat) queues it later."
                )
            elif not submission.created:
                counts["known"] += 1
            elif article.status == "failed":
                counts["failed"] += 1
                failures.append(f"{file.name}: {article.error}")
            else:
                counts["stored"] += 1

        for line in warnings:
            self.stderr.write(self.style.WARNING(f"warning {line}"))
        for line in failures:
            self.stderr.write(self.style.ERROR(f"failed  {line}"))
        summary = (
            f"{counts['stored']} stored, {counts['known']} skipped as already known, "
            f"{counts['failed']} failed."
        )
        if counts["waiting"]:
            summary += f" {counts['waiting']} stored and waiting for the queue."
        self.stdout.write(self.style.SUCCESS(summary) if not failures else summary)
        if failures and len(files) == 1:
            raise CommandError(failures[0])

    def _submit(self, file: Path, options: dict):
        meta_file = file.with_suffix(".json")
        meta = _sidecar(meta_file)
        if options["published"]:
            published_on = _date(options["published"])
        elif meta.get("published"):
            published_on = _date(meta["published"], f"{meta_file.name} 'published'")
        else:
            raise CommandError("no publication date: give --published or a .json 'published'.")
        extra = {
            k: v for k, v in meta.items() if k not in {"title", "publisher", "url", "published"}
        }
        return article_submit(
            text=file.read_text(encoding="utf-8"),
            published_on=published_on,
            title=options["title"] or meta.get("title") or "",
            publisher=options["publisher"] or meta.get("publisher") or "",
            url=options["url"] or meta.get("url") or "",
            metadata=extra,
        )


def _reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError) and hasattr(exc, "message_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8 text"
    return str(exc)
