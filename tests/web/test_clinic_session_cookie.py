"""Clinic mode: when a request extends its session (sliding expiry) the browser's cookie is sent
again with the new Max-Age and the same attributes as at sign-in; a session in the first half
of its life gets no cookie; a busy database skips the extension without failing the request.
SQLite, or PostgreSQL when BACKSTRIDE_TEST_POSTGRES_URL is set (the fixtures of test_clinic).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from backstride.storage.accounts import SESSION_LIFETIME, token_digest
from backstride.storage.models import WebSession, utcnow
from backstride.web.app import create_app
from backstride.web.settings import WebSettings
from tests.web import test_clinic
from tests.web.test_clinic import PASSWORD, Clinic, csrf_of, log_in

# The clinic fixtures (accounts for Ana, Ben, a clinician and an admin; a clinic-mode app).
clinic_url = test_clinic.clinic_url
postgres_url = test_clinic.postgres_url
clinic = test_clinic.clinic
app = test_clinic.app
client = test_clinic.client

LIFETIME_SECONDS = int(SESSION_LIFETIME.total_seconds())


def session_cookies(response: object) -> list[str]:
    headers = response.headers  # type: ignore[attr-defined]
    return [c for c in headers.get_list("set-cookie") if c.startswith("bs_session=")]


def attributes(cookie: str) -> dict[str, str]:
    """A Set-Cookie value's attributes (names lower-cased), without its value and Max-Age."""
    parts = [p.strip() for p in cookie.split(";")[1:]]
    named = dict(p.partition("=")[::2] for p in parts)
    return {k.lower(): v for k, v in named.items() if k.lower() not in ("max-age", "expires")}


def max_age(cookie: str) -> int:
    for part in cookie.split(";"):
        name, _, value = part.strip().partition("=")
        if name.lower() == "max-age":
            return int(value)
    raise AssertionError(f"no Max-Age in {cookie}")


def _age_session(client: TestClient, left: timedelta) -> datetime:
    """Make the client's session expire `left` from now; returns that expiry."""
    token = client.cookies["bs_session"]
    expires = utcnow() + left
    db = client.app.state.database  # type: ignore[attr-defined]
    with db.transaction() as session:
        session.execute(
            update(WebSession)
            .where(WebSession.token_hash == token_digest(token))
            .values(expires_at=expires)
        )
    return expires


def _expiry(client: TestClient) -> datetime:
    db = client.app.state.database  # type: ignore[attr-defined]
    with db.transaction() as session:
        found: datetime | None = session.scalar(
            select(WebSession.expires_at).where(
                WebSession.token_hash == token_digest(client.cookies["bs_session"])
            )
        )
        assert found is not None
        return found


def _sign_in(client: TestClient, email: str = "ana@example.org") -> str:
    """Sign in; returns the session cookie's Set-Cookie value as sent at sign-in."""
    token = csrf_of(client)
    response = client.post(
        "/login",
        data={"email": email, "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303
    [cookie] = session_cookies(response)
    return cookie


def test_a_session_in_its_first_half_gets_no_new_cookie(client: TestClient) -> None:
    _sign_in(client)
    assert session_cookies(client.get("/diary")) == []
    _age_session(client, SESSION_LIFETIME * 0.6)
    assert session_cookies(client.get("/api/v1/me")) == []


def test_a_session_used_in_its_second_half_gets_a_fresh_max_age(client: TestClient) -> None:
    at_sign_in = _sign_in(client)
    old = _age_session(client, SESSION_LIFETIME * 0.3)
    page = client.get("/diary")
    assert page.status_code == 200
    [cookie] = session_cookies(page)
    assert cookie.startswith(f"bs_session={client.cookies['bs_session']};")  # same session
    assert max_age(cookie) == LIFETIME_SECONDS
    assert attributes(cookie) == attributes(at_sign_in)
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    assert _expiry(client) > old + SESSION_LIFETIME * 0.6
    # Extended once: the next request sends nothing.
    assert session_cookies(client.get("/diary")) == []


def test_an_extending_write_request_goes_through_and_refreshes_the_cookie(
    client: TestClient,
) -> None:
    csrf = log_in(client, "ana@example.org")
    _age_session(client, SESSION_LIFETIME * 0.3)
    created = client.post(
        "/api/v1/diary",
        json={"day": "2025-03-06", "pain_morning": 1},
        headers={"X-CSRF-Token": csrf},
    )
    assert created.status_code == 201, created.text
    assert max_age(session_cookies(created)[0]) == LIFETIME_SECONDS


def test_an_error_response_still_carries_the_refreshed_cookie(
    client: TestClient, clinic: Clinic
) -> None:
    log_in(client, "doc@example.org")
    _age_session(client, SESSION_LIFETIME * 0.3)
    hidden = client.get(f"/diary?athlete={clinic.ben}")
    assert hidden.status_code == 404
    assert max_age(session_cookies(hidden)[0]) == LIFETIME_SECONDS


def test_the_refreshed_cookie_is_secure_where_the_sign_in_cookie_is(clinic: Clinic) -> None:
    app = create_app(WebSettings(mode="clinic", database_url=clinic.url, cookie_secure=True))
    with TestClient(app, base_url="https://testserver") as client:
        at_sign_in = _sign_in(client)
        _age_session(client, SESSION_LIFETIME * 0.3)
        [cookie] = session_cookies(client.get("/api/v1/me"))
        assert "Secure" in cookie
        assert attributes(cookie) == attributes(at_sign_in)
    app.state.database.close()


def test_a_busy_database_skips_the_extension_and_serves_the_request(client: TestClient) -> None:
    _sign_in(client)
    old = _age_session(client, SESSION_LIFETIME * 0.3)
    db = client.app.state.database  # type: ignore[attr-defined]
    holder = db.sessions()
    try:  # another process writing the session row: SQLite's write lock, a PostgreSQL row lock
        holder.execute(
            update(WebSession)
            .where(WebSession.token_hash == token_digest(client.cookies["bs_session"]))
            .values(expires_at=old)
        )
        me = client.get("/api/v1/me")
        assert me.status_code == 200 and me.json()["email"] == "ana@example.org"
        assert session_cookies(me) == []
    finally:
        holder.rollback()
        holder.close()
    assert _expiry(client) == old
    # The next request, with the database free, extends it.
    assert max_age(session_cookies(client.get("/api/v1/me"))[0]) == LIFETIME_SECONDS
