"""`make run`, end to end on a free port and a throwaway SQLite file: it migrates, ingests
the sample, and serves the product as deployed (DEBUG off: the designed 404, never Django's
debug page listing every URL pattern; static files served)."""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.services import free_port

ROOT = Path(__file__).resolve().parents[2]


def _get(url: str) -> tuple[int, str, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_run_serves_the_product_with_debug_off(tmp_path):
    port = free_port()
    unset = {"DEBUG", "SECRET_KEY", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    env = {k: v for k, v in os.environ.items() if k not in unset and "ASYNC_UNSAFE" not in k}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'run.sqlite3'}"
    log = (tmp_path / "run.log").open("w")
    server = subprocess.Popen(
        ["make", "--no-print-directory", "run", f"PORT={port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        while True:
            assert server.poll() is None, (tmp_path / "run.log").read_text()
            try:
                status, page, _ = _get(f"{base}/")
                break
            except OSError:
                assert time.monotonic() < deadline, (tmp_path / "run.log").read_text()
                time.sleep(1)
        assert status == 200 and "Tablero" in page

        status, page, _ = _get(f"{base}/no-such-page/")
        assert status == 404
        assert "Not found — Tablero" in page and "URLconf" not in page

        stylesheet = page.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
        status, css, headers = _get(f"{base}{stylesheet}")
        assert status == 200 and headers["Content-Type"].startswith("text/css") and css

        status, body, _ = _get(f"{base}/api/v1/events/")
        assert status == 200 and json.loads(body)["results"], "the sample was ingested"
        status, body, _ = _get(f"{base}/api/v1/no-such-thing/")
        assert status == 404 and json.loads(body)["code"] == "not_found"

        # It ends by saying where to go and how to become an editor.
        wanted = [f"The site      {base}/", f"The admin     {base}/admin/"]
        wanted += [f"The API docs  {base}/api/docs/", "make createeditor"]
        deadline = time.monotonic() + 60
        while not all(line in (tmp_path / "run.log").read_text() for line in wanted):
            assert time.monotonic() < deadline, (tmp_path / "run.log").read_text()
            time.sleep(0.5)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
        log.close()


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_createeditor_takes_the_account_from_the_environment(tmp_path):
    unset = {"DEBUG", "SECRET_KEY", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    env = {k: v for k, v in os.environ.items() if k not in unset and "ASYNC_UNSAFE" not in k}
    database = tmp_path / "editors.sqlite3"
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        EDITOR_USERNAME="ana",
        EDITOR_EMAIL="ana@example.org",
        EDITOR_PASSWORD="a-long-Passphrase-2026",
    )
    done = subprocess.run(
        ["make", "--no-print-directory", "createeditor"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ana is an editor." in done.stdout
    with sqlite3.connect(database) as db:
        (email,) = db.execute("SELECT email FROM auth_user WHERE username = 'ana'").fetchone()
        groups = db.execute(
            "SELECT g.name FROM auth_group g JOIN auth_user_groups ug ON ug.group_id = g.id"
        ).fetchall()
    assert email == "ana@example.org" and groups == [("Editors",)]
