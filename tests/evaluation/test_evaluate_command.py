"""`manage.py evaluate_extraction` as a maintainer runs it: in a fresh interpreter, on a
database that was never migrated, which the command must neither need nor create."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# A text written for this test: one actor the extractor finds, one gold actor it cannot
# (no name in the text), so the figures and the misses are both known in advance.
TEXT = (
    "Secretary of State Jane Holloway met Foreign Minister Tomas Ferrante in Geneva "
    "on Monday, the State Department said."
)
GOLD = {
    "article": "01-synthetic",
    "actors": [
        {"name": "Jane Holloway", "kind": "person"},
        {"name": "Absent Person Nobody Names", "kind": "person"},
    ],
    "indictments": [],
    "offers": [],
    "channels": [],
    "events": [],
}


def _corpus(folder: Path) -> Path:
    (folder / "articles").mkdir(parents=True)
    (folder / "gold").mkdir()
    (folder / "articles" / "01-synthetic.txt").write_text(TEXT, encoding="utf-8")
    (folder / "articles" / "01-synthetic.json").write_text(
        json.dumps({"published": "2031-03-05", "title": "A synthetic meeting"}), encoding="utf-8"
    )
    (folder / "gold" / "01-synthetic.json").write_text(json.dumps(GOLD), encoding="utf-8")
    return folder


def _evaluate(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    unset = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env |= {"DEBUG": "True", "DATABASE_URL": f"sqlite:///{tmp_path / 'never-migrated.sqlite3'}"}
    return subprocess.run(
        [sys.executable, "manage.py", "evaluate_extraction", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _row(output: str, kind: str) -> list[str]:
    return next(line.split() for line in output.splitlines() if line.startswith(kind + " "))


def test_it_scores_a_corpus_in_a_throwaway_database_and_lists_what_it_missed(tmp_path):
    corpus = _corpus(tmp_path / "corpus")
    result = _evaluate(tmp_path, str(corpus), "--misses", "--out", str(tmp_path / "out"))

    assert result.returncode == 0, result.stderr
    _kind, gold, _extracted, matched, *_ = _row(result.stdout, "actors")
    assert (gold, matched) == ("2", "1")
    assert "missed    actors:" in result.stdout
    assert "Absent Person Nobody Names" in result.stdout
    written = json.loads((tmp_path / "out" / "01-synthetic.json").read_text(encoding="utf-8"))
    assert "Jane Holloway" in [actor["name"] for actor in written["actors"]]
    # The throwaway database lived in memory: the configured one was never created.
    assert not (tmp_path / "never-migrated.sqlite3").exists()


def test_a_folder_without_articles_is_a_clear_error(tmp_path):
    result = _evaluate(tmp_path, str(tmp_path))

    assert result.returncode == 1
    assert "has no articles/ folder" in result.stderr
    assert "Traceback" not in result.stderr
