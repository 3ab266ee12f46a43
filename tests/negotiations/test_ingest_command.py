import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from negotiations.models import Article

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "sample_data" / "articles"


def test_it_stores_the_sample_directory_once(db, capsys):
    call_command("ingest", str(SAMPLE_DIR))
    assert "1 stored, 0 skipped as already known, 0 failed." in capsys.readouterr().out
    article = Article.objects.get()
    assert article.published_on.isoformat() == "2024-08-11"
    assert article.publisher == "The Wall Street Journal"
    assert article.metadata["authors"]

    call_command("ingest", str(SAMPLE_DIR))
    assert "0 stored, 1 skipped as already known, 0 failed." in capsys.readouterr().out
    assert Article.objects.count() == 1


def test_a_file_with_flags_is_stored_with_its_metadata(db, tmp_path):
    file = tmp_path / "wire.txt"
    file.write_text("Mediators met in Oslo on Monday.\r\nTalks will resume.", encoding="utf-8")
    call_command(
        "ingest", str(file), published="2025-02-03", title="Talks", publisher="Wire", url=""
    )
    article = Article.objects.get()
    assert article.title == "Talks"
    assert "\r" not in article.text


def test_a_directory_reports_bad_files_as_failed_and_keeps_the_good_ones(db, tmp_path, capsys):
    (tmp_path / "good.txt").write_text("Negotiators met in Doha.", encoding="utf-8")
    (tmp_path / "good.json").write_text(json.dumps({"published": "2024-01-02"}))
    (tmp_path / "empty.txt").write_text("   ", encoding="utf-8")
    (tmp_path / "empty.json").write_text(json.dumps({"published": "2024-01-02"}))
    (tmp_path / "binary.txt").write_bytes(b"\xff\xfe\x00\x81")
    (tmp_path / "binary.json").write_text(json.dumps({"published": "2024-01-02"}))
    call_command("ingest", str(tmp_path))
    captured = capsys.readouterr()
    assert "1 stored, 0 skipped as already known, 2 failed." in captured.out
    assert "empty.txt: text: The article's text is empty." in captured.err
    assert "binary.txt: not UTF-8 text" in captured.err
    assert Article.objects.count() == 1


def test_a_malformed_date_is_a_clear_error(db, tmp_path):
    file = tmp_path / "a.txt"
    file.write_text("Talks resumed.", encoding="utf-8")
    with pytest.raises(CommandError, match="not a date"):
        call_command("ingest", str(file), published="11/08/2024")
