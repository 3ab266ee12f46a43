"""Reading is public by default; READ_REQUIRES_LOGIN makes every page need a signed-in user."""


def test_reading_is_public_by_default(client, db):
    assert client.get("/").status_code == 200
    assert client.get("/timeline/").status_code == 200
    assert client.get("/accounts/login/").status_code == 200
    assert client.get("/healthz").status_code == 200


def test_with_read_requires_login_pages_redirect_to_sign_in(client, reader, settings):
    settings.READ_REQUIRES_LOGIN = True
    response = client.get("/timeline/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client.get("/api/v1/offers/").status_code == 401
    assert client.get("/feeds/developments/").status_code == 302
    assert client.get("/accounts/login/").status_code == 200
    assert client.get("/healthz").status_code == 200
    client.force_login(reader)
    assert client.get("/timeline/").status_code == 200
