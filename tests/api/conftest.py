import pytest
from django.core.cache import cache
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def api_settings(settings):
    """Throttling starts from zero each test, with rates no test reaches unless it lowers them."""
    settings.API_THROTTLE_RATES = {"anon": "100000/min", "user": "100000/min"}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def editor_api(editor) -> APIClient:
    client = APIClient()
    client.force_authenticate(editor)
    return client


@pytest.fixture
def reader_api(reader) -> APIClient:
    client = APIClient()
    client.force_authenticate(reader)
    return client
