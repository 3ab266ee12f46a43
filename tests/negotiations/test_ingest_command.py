import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from sources.models import Article

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


# A made-up article: no real text needs to be copied into the tests.
INVENTED_TEXT = (
    "Envoys of the Republic of Norland and the Southern Federation met in Geneva on "
    "Tuesday and agreed to resume talks next month, a joint statement said."
)
LONG_PUBLISHER = (
    "Ministry of Foreign Affairs of the Republic of Norland, posted by its embassy in the "
    "Southern Federation (embassy.example); joint statement of the foreign ministers of "
    "Norland and the Southern Federation and of the special envoy of the Union of Eastern "
    "States, issued after the second round of exploratory contacts held in Geneva"
)


def test_a_sidecar_with_a_long_publisher_is_stored_whole(db, tmp_path, capsys):
    assert 250 < len(LONG_PUBLISHER) < 1000
    (tmp_path / "statement.txt").write_text(INVENTED_TEXT, encoding="utf-8")
    (tmp_path / "statement.json").write_text(
        json.dumps({"published": "2021-08-14", "publisher": LONG_PUBLISHER, "language": "en"})
    )
    call_command("ingest", str(tmp_path))
    assert "1 stored, 0 skipped as already known, 0 failed." in capsys.readouterr().out
    article = Article.objects.get()
    assert article.publisher == LONG_PUBLISHER
    assert article.metadata == {"language": "en"}


def test_metadata_too_long_for_its_field_is_trimmed_with_a_warning(db, tmp_path, capsys):
    title = "Talks " * 300
    url = "https://example.org/statement?" + "q=talks&" * 400
    (tmp_path / "statement.txt").write_text(INVENTED_TEXT, encoding="utf-8")
    (tmp_path / "statement.json").write_text(
        json.dumps({"published": "2021-08-14", "title": title, "url": url})
    )
    call_command("ingest", str(tmp_path))
    captured = capsys.readouterr()
    assert "1 stored, 0 skipped as already known, 0 failed." in captured.out
    assert "warning statement.txt: title: trimmed from 1,799 to 1,000 characters" in captured.err
    assert "warning statement.txt: url: 3,230 characters, over the 2,048 allowed" in captured.err
    article = Article.objects.get()
    assert len(article.title) == 1000 and article.title.endswith("…")
    assert article.url == ""
    assert article.metadata["untrimmed"] == {"title": title.strip(), "url": url}


def test_each_malformed_sidecar_fails_its_own_file_and_the_good_one_is_stored(db, tmp_path, capsys):
    sidecars = {
        "good": {"published": "2024-01-02", "title": None},
        "a-list": ["a list"],
        "a-number": 20240102,
        "number-date": {"published": 20240102},
        "us-date": {"published": "01/02/2024"},
        "number-title": {"published": "2024-01-02", "title": 42},
        "object-publisher": {"published": "2024-01-02", "publisher": {"name": "Wire"}},
        "list-url": {"published": "2024-01-02", "url": ["https://example.org"]},
        "nul": {"published": "2024-01-02", "dateline": "Geneva\x00"},
    }
    for number, (name, sidecar) in enumerate(sidecars.items()):
        (tmp_path / f"{name}.txt").write_text(f"{INVENTED_TEXT} ({number})", encoding="utf-8")
        (tmp_path / f"{name}.json").write_text(json.dumps(sidecar))
    (tmp_path / "latin-1.txt").write_text(INVENTED_TEXT, encoding="utf-8")
    (tmp_path / "latin-1.json").write_bytes('{"title": "Genève"}'.encode("latin-1"))

    call_command("ingest", str(tmp_path))

    captured = capsys.readouterr()
    assert "1 stored, 0 skipped as already known, 9 failed." in captured.out
    for line in [
        "a-list.txt: a-list.json must hold an object, not a list.",
        "a-number.txt: a-number.json must hold an object, not a number.",
        "number-date.txt: number-date.json: 'published' must be a string, not a number.",
        "us-date.txt: us-date.json 'published': '01/02/2024' is not a date (YYYY-MM-DD).",
        "number-title.txt: number-title.json: 'title' must be a string, not a number.",
        "object-publisher.txt: object-publisher.json: 'publisher' must be a string, not an object.",
        "list-url.txt: list-url.json: 'url' must be a string, not a list.",
        "nul.txt: nul.json: it contains a NUL character.",
        "latin-1.txt: latin-1.json is not UTF-8 text.",
    ]:
        assert f"failed  {line}" in captured.err
    assert "Traceback" not in captured.err
    assert Article.objects.get().text.endswith("(0)")


def test_a_malformed_sidecar_of_a_single_file_is_a_clear_error(db, tmp_path):
    file = tmp_path / "a.txt"
    file.write_text(INVENTED_TEXT, encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps(["a list"]))
    with pytest.raises(CommandError, match="a.json must hold an object, not a list"):
        call_command("ingest", str(file))
