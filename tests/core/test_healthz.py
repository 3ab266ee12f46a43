import pytest

from tests.services import free_port


def test_it_answers_ok_with_the_database_state(client, db, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "services": {"database": "ok"},
        "down": [],
        "notes": [],
        "ingestion": {"waiting": 0, "due": 0, "oldest_waiting_seconds": None},
    }


def test_it_reports_redis_when_configured(client, db, redis_url, settings):
    settings.REDIS_URL = redis_url
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["services"] == {"database": "ok", "redis": "ok"}


def test_a_stopped_redis_is_a_503_naming_it(client, db, settings):
    # Nothing listens on this port: Redis as good as stopped.
    settings.REDIS_URL = f"redis://127.0.0.1:{free_port()}/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert body["down"] == ["redis"]
    assert body["services"]["database"] == "ok"
    assert body["services"]["redis"].startswith("down")


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_only_answers_get(client, db, method):
    assert getattr(client, method)("/healthz").status_code == 405
