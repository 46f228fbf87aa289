"""Clinic mode through HTTP: sign-in, sessions, CSRF, API tokens and the access rules, through
the pages and the API. On PostgreSQL when BACKSTRIDE_TEST_POSTGRES_URL is set, else SQLite.

The clinic: Ana and Ben are athletes with an assessment, a diary day and a run each; Doc is a
clinician Ana shares with; Other is a clinician nobody shares with; Boss is an admin.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import select

from backstride.contract.validate import parse_case_json
from backstride.storage import accounts
from backstride.storage.activities import known_activity_keys, record_import
from backstride.storage.db import open_database
from backstride.storage.models import Athlete, ImportedFile
from backstride.training.activity import Activity, Sport
from backstride.training.diary import DiaryEntry
from backstride.web import context as ctx
from backstride.web.app import create_app
from backstride.web.deps import AUTHENTICATES_ITSELF, current_user
from backstride.web.settings import WebSettings
from tests.storage.conftest import POSTGRES_ENV
from tests.storage.conftest import postgres_url as postgres_url
from tests.web.live import chromium, free_port, requires_chromium, serving

PASSWORD = "correct horse battery"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Clinic:
    url: str
    ana: int  # athlete ids
    ben: int
    ana_assessment: int
    ben_assessment: int
    ana_day: str
    ben_day: str


def _seed_athlete(session: object, athlete: Athlete, day: date, when: datetime) -> int:
    from sqlalchemy.orm import Session

    assert isinstance(session, Session)
    case = parse_case_json((EXAMPLES / "self-care.json").read_text(), "case")
    saved, _, _ = ctx.run_assessment(session, athlete, case)
    ctx.diary_save(session, athlete, DiaryEntry(day=day, pain_morning=3, notes="stiff"))
    source = ImportedFile(
        athlete_id=athlete.id, sha256=f"{athlete.id:064d}", name="run.gpx", format="gpx", size=1
    )
    run = Activity(sport=Sport.running, start=when, duration_s=1800.0, distance_m=5000.0)
    record_import(session, athlete.id, source, [run], known_activity_keys(session, athlete))
    return saved.id


@pytest.fixture
def clinic_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if os.environ.get(POSTGRES_ENV):
        url: str = request.getfixturevalue("postgres_url")
        return url
    return f"sqlite:///{tmp_path / 'clinic.db'}"


@pytest.fixture
def clinic(clinic_url: str) -> Clinic:
    db = open_database(clinic_url)
    with db.transaction() as session:
        ana = accounts.create_user(
            session, "ana@example.org", PASSWORD, "athlete", athlete_name="Ana"
        )
        ben = accounts.create_user(
            session, "ben@example.org", PASSWORD, "athlete", athlete_name="Ben"
        )
        doc = accounts.create_user(session, "doc@example.org", PASSWORD, "clinician")
        accounts.create_user(session, "other@example.org", PASSWORD, "clinician")
        accounts.create_user(session, "boss@example.org", PASSWORD, "admin")
        assert ana.athlete is not None and ben.athlete is not None
        accounts.grant_access(session, ana.athlete.id, doc)
        ana_saved = _seed_athlete(
            session, ana.athlete, date(2025, 3, 1), datetime(2025, 3, 1, 7, tzinfo=UTC)
        )
        ben_saved = _seed_athlete(
            session, ben.athlete, date(2025, 3, 2), datetime(2025, 3, 2, 7, tzinfo=UTC)
        )
        seeded = Clinic(
            clinic_url, ana.athlete.id, ben.athlete.id, ana_saved, ben_saved,
            "2025-03-01", "2025-03-02",
        )  # fmt: skip
    db.close()
    return seeded


def clinic_app(url: str) -> FastAPI:
    return create_app(WebSettings(mode="clinic", database_url=url))


@pytest.fixture
def app(clinic: Clinic) -> Iterator[FastAPI]:
    application = clinic_app(clinic.url)
    yield application
    application.state.database.close()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


def csrf_of(client: TestClient, path: str = "/login") -> str:
    match = CSRF_FIELD.search(client.get(path).text)
    assert match, f"no CSRF field on {path}"
    return match.group(1)


def log_in(client: TestClient, email: str, password: str = PASSWORD) -> str:
    """Sign in through the form; returns the session's CSRF token."""
    token = csrf_of(client)
    response = client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return csrf_of(client, "/account/tokens")


def bearer(client: TestClient, email: str, scopes: list[str] | None = None) -> dict[str, str]:
    db = client.app.state.database  # type: ignore[attr-defined]
    with db.transaction() as session:
        user = accounts.find_user(session, email)
        assert user is not None
        token, _ = accounts.create_api_token(session, user, "test", scopes=scopes)
    return {"Authorization": f"Bearer {token}"}


# --- signing in ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/", "/diary", "/assessments/1", "/clinic/athletes", "/knowledge"]
)
def test_a_page_without_a_session_redirects_to_the_login(client: TestClient, path: str) -> None:
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login?next=%2F")


@pytest.mark.parametrize(
    "path",
    ["/api/v1/diary", "/api/v1/assessments", "/api/v1/tokens", "/api/v1/me", "/api/v1/athletes"],
)
def test_the_api_without_credentials_is_401_json(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.json()["error"]["message"].startswith("Sign in")


def test_health_and_the_login_page_need_no_session(client: TestClient) -> None:
    assert client.get("/api/v1/health").json() == {"status": "ok"}
    page = client.get("/login")
    assert page.status_code == 200 and 'type="password"' in page.text


def test_login_sets_a_hardened_cookie_and_lands_on_the_right_home(client: TestClient) -> None:
    token = csrf_of(client)
    response = client.post(
        "/login",
        data={"email": "Doc@Example.org", "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/clinic/athletes"
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("bs_session="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # plain http in tests; https or cookie_secure adds it


def test_cookie_secure_setting_marks_the_cookie_secure(clinic: Clinic) -> None:
    app = create_app(WebSettings(mode="clinic", database_url=clinic.url, cookie_secure=True))
    with TestClient(app, base_url="https://testserver") as client:
        token = csrf_of(client)
        response = client.post(
            "/login",
            data={"email": "ana@example.org", "password": PASSWORD, "csrf_token": token},
            follow_redirects=False,
        )
        cookie = next(
            c for c in response.headers.get_list("set-cookie") if c.startswith("bs_session=")
        )
        assert "Secure" in cookie
    app.state.database.close()


@pytest.mark.parametrize(
    ("email", "password"),
    [("ana@example.org", "not the password"), ("nobody@example.org", PASSWORD)],
)
def test_a_wrong_login_says_the_same_for_email_and_password(
    client: TestClient, email: str, password: str
) -> None:
    token = csrf_of(client)
    response = client.post(
        "/login", data={"email": email, "password": password, "csrf_token": token}
    )
    assert response.status_code == 401
    assert "Email or password is wrong." in response.text
    assert "bs_session" not in client.cookies


def test_login_goes_back_to_the_page_asked_for_but_never_off_site(client: TestClient) -> None:
    token = csrf_of(client)
    form = {"email": "ana@example.org", "password": PASSWORD, "csrf_token": token}
    back = client.post("/login", data={**form, "next": "/diary"}, follow_redirects=False)
    assert back.headers["location"] == "/diary"
    for evil in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        token = csrf_of(client)
        response = client.post(
            "/login",
            data={**form, "csrf_token": token, "next": evil},
            follow_redirects=False,
        )
        assert response.headers["location"] == "/"


def test_login_without_the_form_token_is_refused(client: TestClient) -> None:
    client.get("/login")
    response = client.post("/login", data={"email": "ana@example.org", "password": PASSWORD})
    assert response.status_code == 403
    assert "bs_session" not in client.cookies


def test_logout_ends_the_session_everywhere(client: TestClient) -> None:
    csrf = log_in(client, "ana@example.org")
    old_cookie = client.cookies["bs_session"]
    assert client.post("/logout", follow_redirects=False).status_code == 403  # no token
    response = client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login"
    client.cookies.set("bs_session", old_cookie)  # a stolen copy of the cookie is dead too
    assert client.get("/diary", follow_redirects=False).status_code == 303
    assert client.get("/api/v1/diary").status_code == 401


def test_signing_in_again_ends_the_previous_session(client: TestClient) -> None:
    log_in(client, "ana@example.org")
    first = client.cookies["bs_session"]
    log_in(client, "ben@example.org")
    assert client.cookies["bs_session"] != first
    assert client.get("/api/v1/me").json()["email"] == "ben@example.org"
    client.cookies.set("bs_session", first)
    assert client.get("/api/v1/me").status_code == 401


def test_the_api_description_is_public_and_holds_no_data(client: TestClient) -> None:
    schema = client.get("/openapi.json")
    assert schema.status_code == 200
    assert "/api/v1/tokens" in schema.json()["paths"]
    assert "ana@example.org" not in schema.text


def test_a_session_works_on_another_app_process_over_the_same_database(
    client: TestClient, clinic: Clinic
) -> None:
    csrf = log_in(client, "ana@example.org")
    other = clinic_app(clinic.url)
    with TestClient(other) as second:
        second.cookies.set("bs_session", client.cookies["bs_session"])
        assert second.get("/api/v1/me").json()["email"] == "ana@example.org"
        created = second.post(
            "/api/v1/diary",
            json={"day": "2025-03-05", "pain_morning": 1},
            headers={"X-CSRF-Token": csrf},
        )
        assert created.status_code == 201, created.text
    other.state.database.close()
    assert [e["day"] for e in client.get("/api/v1/diary").json()][-1] == "2025-03-05"


@pytest.mark.slow
def test_two_worker_processes_share_sessions_through_the_database(clinic: Clinic) -> None:
    """uvicorn with two workers: every request, whichever process takes it, knows the session
    and its CSRF token, because both live in the database (or derive from the cookie)."""
    import json
    import subprocess
    import sys

    import httpx

    port = free_port()
    settings = WebSettings(mode="clinic", database_url=clinic.url, host="127.0.0.1", port=port)
    env = {**os.environ, "BACKSTRIDE_WEB_SETTINGS": json.dumps(settings.model_dump())}
    command = [
        sys.executable, "-m", "uvicorn", "backstride.web.app:app_from_env", "--factory",
        "--host", "127.0.0.1", "--port", str(port), "--workers", "2", "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None, "the server stopped"
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        with httpx.Client(base_url=base, timeout=10) as browser:
            token = CSRF_FIELD.search(browser.get("/login").text)
            assert token is not None
            signed_in = browser.post(
                "/login",
                data={"email": "ana@example.org", "password": PASSWORD, "csrf_token": token[1]},
            )
            assert signed_in.status_code == 303
            csrf = CSRF_FIELD.search(browser.get("/account/tokens").text)
            assert csrf is not None
            for i in range(12):
                assert browser.get("/api/v1/me").json()["email"] == "ana@example.org"
                saved = browser.post(
                    "/api/v1/diary",
                    json={"day": f"2025-04-{i + 1:02d}", "pain_morning": 1},
                    headers={"X-CSRF-Token": csrf[1]},
                )
                assert saved.status_code == 201, saved.text
    finally:
        server.terminate()
        server.wait(timeout=20)
        if server.stderr is not None:
            server.stderr.close()


# --- CSRF ------------------------------------------------------------------------------------


def test_a_form_post_without_the_csrf_token_is_refused_and_changes_nothing(
    client: TestClient,
) -> None:
    log_in(client, "ana@example.org")
    before = client.get("/api/v1/diary").json()
    for data in ({}, {"csrf_token": "forged"}):
        response = client.post("/diary", data={"day": "2025-03-09", "pain_morning": "2", **data})
        assert response.status_code == 403
        assert "reload the page" in response.text
    assert client.get("/api/v1/diary").json() == before


def test_a_form_post_with_the_csrf_token_goes_through(client: TestClient) -> None:
    csrf = log_in(client, "ana@example.org")
    response = client.post(
        "/diary",
        data={"day": "2025-03-09", "pain_morning": "2", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert client.get("/api/v1/diary/2025-03-09").json()["pain_morning"] == 2
    # htmx requests send it as a header, set once on the page body.
    assert f'hx-headers=\'{{"X-CSRF-Token": "{csrf}"}}\'' in client.get("/diary").text


def test_json_with_the_cookie_needs_the_csrf_header(client: TestClient) -> None:
    csrf = log_in(client, "ana@example.org")
    entry = {"day": "2025-03-10", "pain_morning": 2}
    assert client.post("/api/v1/diary", json=entry).status_code == 403
    wrong = {"X-CSRF-Token": "0" * 64}
    assert client.post("/api/v1/diary", json=entry, headers=wrong).status_code == 403
    ok = client.post("/api/v1/diary", json=entry, headers={"X-CSRF-Token": csrf})
    assert ok.status_code == 201


def test_a_csrf_token_belongs_to_one_session(client: TestClient, clinic: Clinic) -> None:
    ana_csrf = log_in(client, "ana@example.org")
    app = clinic_app(clinic.url)
    with TestClient(app) as ben:
        log_in(ben, "ben@example.org")
        stolen = ben.post(
            "/api/v1/diary", json={"day": "2025-03-11"}, headers={"X-CSRF-Token": ana_csrf}
        )
        assert stolen.status_code == 403
    app.state.database.close()


def test_bearer_requests_need_no_csrf_token(client: TestClient) -> None:
    headers = bearer(client, "ana@example.org")
    response = client.post("/api/v1/diary", json={"day": "2025-03-12"}, headers=headers)
    assert response.status_code == 201


def test_every_unsafe_route_checks_the_signed_in_user(app: FastAPI) -> None:
    """A new POST/PUT/DELETE route that forgot `current_user` (and so the CSRF check) fails."""

    def depends_on_user(dependant: object) -> bool:
        calls = [getattr(d, "call", None) for d in getattr(dependant, "dependencies", [])]
        return current_user in calls or any(
            depends_on_user(d) for d in getattr(dependant, "dependencies", [])
        )

    def api_routes(routes: list[object]) -> Iterator[APIRoute]:
        for route in routes:
            if isinstance(route, APIRoute):
                yield route
            inner = getattr(route, "original_router", None)  # an included router
            if inner is not None:
                yield from api_routes(inner.routes)

    def methods(route: APIRoute) -> set[str]:
        assert route.methods is not None
        return route.methods

    unsafe = [
        route
        for route in api_routes(list(app.routes))
        if methods(route) & {"POST", "PUT", "PATCH", "DELETE"}
    ]
    assert len(unsafe) >= 8
    unchecked = [
        r.path
        for r in unsafe
        if r.path != "/login"
        and not depends_on_user(r.dependant)
        and r.endpoint not in AUTHENTICATES_ITSELF
    ]
    assert unchecked == []


# --- access rules: athlete A never sees athlete B --------------------------------------------


def _b_urls(clinic: Clinic) -> list[str]:
    return [
        f"/api/v1/assessments/{clinic.ben_assessment}",
        f"/api/v1/diary/{clinic.ben_day}",
        f"/api/v1/assessments?athlete={clinic.ben}",
        f"/api/v1/diary?athlete={clinic.ben}",
        f"/api/v1/activities?athlete={clinic.ben}",
        f"/api/v1/load?athlete={clinic.ben}",
        f"/assessments/{clinic.ben_assessment}",
        f"/assessments?athlete={clinic.ben}",
        f"/diary?athlete={clinic.ben}",
        f"/diary/{clinic.ben_day}/edit",
        f"/training?athlete={clinic.ben}",
    ]


def test_athlete_a_gets_404_for_b_s_data_through_pages_and_api(
    client: TestClient, clinic: Clinic
) -> None:
    log_in(client, "ana@example.org")
    for url in _b_urls(clinic):
        assert client.get(url).status_code == 404, url
    # …while their own is there.
    assert client.get(f"/api/v1/assessments/{clinic.ana_assessment}").status_code == 200
    assert client.get(f"/api/v1/diary/{clinic.ana_day}").json()["notes"] == "stiff"
    assert len(client.get("/api/v1/activities").json()) == 1
    assert client.get(f"/assessments/{clinic.ana_assessment}").status_code == 200
    assert client.get(f"/diary?athlete={clinic.ana}").status_code == 200


def test_athlete_a_gets_404_for_b_s_data_with_an_api_token(
    client: TestClient, clinic: Clinic
) -> None:
    headers = bearer(client, "ana@example.org")
    for url in _b_urls(clinic):
        if url.startswith("/api/"):
            assert client.get(url, headers=headers).status_code == 404, url
    own = client.get("/api/v1/activities", headers=headers).json()
    assert [a["distance_km"] for a in own] == [5.0]


def test_a_hidden_athlete_looks_exactly_like_a_missing_one(
    client: TestClient, clinic: Clinic
) -> None:
    log_in(client, "doc@example.org")
    hidden = client.get(f"/api/v1/diary?athlete={clinic.ben}")
    missing = client.get("/api/v1/diary?athlete=987654")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()


def test_athlete_a_cannot_write_into_b_s_data(client: TestClient, clinic: Clinic) -> None:
    csrf = log_in(client, "ana@example.org")
    response = client.post(
        f"/api/v1/diary?athlete={clinic.ben}",
        json={"day": "2025-03-20", "pain_morning": 9},
        headers={"X-CSRF-Token": csrf},
    )
    assert response.status_code == 404
    headers = bearer(client, "ben@example.org")
    assert client.get("/api/v1/diary/2025-03-20", headers=headers).status_code == 404


# --- clinicians and admins -------------------------------------------------------------------


def test_a_clinician_sees_only_the_athletes_who_shared(client: TestClient, clinic: Clinic) -> None:
    log_in(client, "doc@example.org")
    assert client.get("/api/v1/athletes").json() == [{"id": clinic.ana, "name": "Ana"}]
    page = client.get("/clinic/athletes")
    assert "Ana" in page.text and "Ben" not in page.text
    assert client.get(f"/api/v1/diary?athlete={clinic.ana}").json()[0]["notes"] == "stiff"
    assert client.get(f"/assessments?athlete={clinic.ana}").status_code == 200
    assert client.get(f"/training?athlete={clinic.ana}").status_code == 200
    for url in _b_urls(clinic):
        if "athlete=" in url:
            assert client.get(url).status_code == 404, url


def test_a_clinician_reads_but_does_not_change_a_shared_athlete(
    client: TestClient, clinic: Clinic
) -> None:
    csrf = log_in(client, "doc@example.org")
    headers = {"X-CSRF-Token": csrf}
    entry = {"day": "2025-03-21", "pain_morning": 4}
    shared = client.post(f"/api/v1/diary?athlete={clinic.ana}", json=entry, headers=headers)
    assert shared.status_code == 403
    assert "not change it" in shared.json()["error"]["message"]
    hidden = client.post(f"/api/v1/diary?athlete={clinic.ben}", json=entry, headers=headers)
    assert hidden.status_code == 404  # not shared: not even a hint that Ben exists
    assert client.get(f"/api/v1/diary/2025-03-21?athlete={clinic.ana}").status_code == 404


def test_a_clinician_must_say_whose_data(client: TestClient) -> None:
    log_in(client, "doc@example.org")
    response = client.get("/api/v1/diary")
    assert response.status_code == 422
    assert response.json()["error"]["message"].startswith("athlete: choose whose data")


def test_a_page_without_an_athlete_sends_a_clinician_to_choose_then_opens_it(
    client: TestClient, clinic: Clinic
) -> None:
    log_in(client, "doc@example.org")
    asked = client.get("/diary?day=2025-03-01", follow_redirects=False)
    assert asked.status_code == 303
    assert asked.headers["location"] == "/clinic/athletes?next=%2Fdiary%3Fday%3D2025-03-01"
    chooser = client.get(asked.headers["location"])
    assert "choose whose" in chooser.text
    assert f'href="/diary?day=2025-03-01&amp;athlete={clinic.ana}">Ana</a>' in chooser.text
    assert f"athlete={clinic.ben}" not in chooser.text  # Ben did not share with this clinician
    opened = client.get(f"/diary?day=2025-03-01&athlete={clinic.ana}")
    assert opened.status_code == 200 and "stiff" in opened.text


def test_the_athlete_chooser_opens_only_pages_of_this_site(
    client: TestClient, clinic: Clinic
) -> None:
    log_in(client, "boss@example.org")
    for target in ("//evil.example/x", "https://evil.example/", "/clinic/athletes"):
        page = client.get("/clinic/athletes", params={"next": target})
        assert page.status_code == 200
        assert "choose whose" not in page.text
        assert f'href="/?athlete={clinic.ana}">Ana</a>' in page.text
    too_long = client.get("/clinic/athletes", params={"next": "/" + "x" * 2000})
    assert too_long.status_code == 422


def test_an_admin_with_no_athletes_is_told_how_to_add_one(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    db = open_database(url)
    with db.transaction() as session:
        accounts.create_user(session, "boss@example.org", PASSWORD, "admin")
    db.close()
    app = clinic_app(url)
    try:
        with TestClient(app) as client:
            log_in(client, "boss@example.org")
            page = client.get("/clinic/athletes")
    finally:
        app.state.database.close()
    assert 'create one on <a href="/admin/users">Users</a>' in page.text
    assert "shared their data" not in page.text


def test_a_form_without_an_athlete_is_still_refused_with_the_reason(client: TestClient) -> None:
    csrf = log_in(client, "boss@example.org")
    response = client.post("/diary", data={"csrf_token": csrf, "day": "2025-03-05"})
    assert response.status_code == 422
    assert "choose whose data" in response.text


def test_a_clinician_nobody_shared_with_sees_nobody(client: TestClient, clinic: Clinic) -> None:
    headers = bearer(client, "other@example.org")
    assert client.get("/api/v1/athletes", headers=headers).json() == []
    assert client.get(f"/api/v1/diary?athlete={clinic.ana}", headers=headers).status_code == 404


def test_an_admin_sees_every_athlete(client: TestClient, clinic: Clinic) -> None:
    log_in(client, "boss@example.org")
    names = [a["name"] for a in client.get("/api/v1/athletes").json()]
    assert names == ["Ana", "Ben"]
    assert client.get(f"/api/v1/diary?athlete={clinic.ben}").status_code == 200


def test_an_athlete_has_no_athlete_list(client: TestClient) -> None:
    log_in(client, "ana@example.org")
    assert client.get("/clinic/athletes").status_code == 404
    assert [a["name"] for a in client.get("/api/v1/athletes").json()] == ["Ana"]


def test_sharing_and_unsharing_from_the_athlete_s_page(client: TestClient, clinic: Clinic) -> None:
    csrf = log_in(client, "ana@example.org")
    page = client.post("/account/sharing", data={"email": "other@example.org", "csrf_token": csrf})
    assert page.status_code == 200 and "other@example.org can now see your data" in page.text
    headers = bearer(client, "other@example.org")
    assert client.get(f"/api/v1/diary?athlete={clinic.ana}", headers=headers).status_code == 200
    refused = client.post("/account/sharing", data={"email": "ben@example.org", "csrf_token": csrf})
    assert refused.status_code == 422 and "No clinician with that email" in refused.text
    db = client.app.state.database  # type: ignore[attr-defined]
    with db.transaction() as session:
        other = accounts.find_user(session, "other@example.org")
        assert other is not None
        other_id = other.id
    gone = client.post(f"/account/sharing/{other_id}/revoke", data={"csrf_token": csrf})
    assert gone.status_code == 200 and "can no longer see" in gone.text
    assert client.get(f"/api/v1/diary?athlete={clinic.ana}", headers=headers).status_code == 404
    again = client.post(f"/account/sharing/{other_id}/revoke", data={"csrf_token": csrf})
    assert again.status_code == 404


def test_a_clinician_has_no_sharing_page(client: TestClient) -> None:
    log_in(client, "doc@example.org")
    assert client.get("/account/sharing").status_code == 404


# --- API tokens ------------------------------------------------------------------------------


def test_a_token_made_through_the_api_is_shown_once_and_works(client: TestClient) -> None:
    csrf = log_in(client, "doc@example.org")
    made = client.post(
        "/api/v1/tokens", json={"name": "lab", "scopes": ["read"]}, headers={"X-CSRF-Token": csrf}
    )
    assert made.status_code == 201, made.text
    token = made.json()["token"]
    assert token.startswith(made.json()["prefix"])
    listed = client.get("/api/v1/tokens").json()
    assert [t["prefix"] for t in listed] == [made.json()["prefix"]]
    assert token not in client.get("/api/v1/tokens").text
    with TestClient(client.app) as other:
        me = other.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert me.json()["email"] == "doc@example.org"


def test_a_read_only_token_cannot_write(client: TestClient) -> None:
    headers = bearer(client, "ana@example.org", scopes=["read"])
    assert client.get("/api/v1/diary", headers=headers).status_code == 200
    response = client.post("/api/v1/diary", json={"day": "2025-03-13"}, headers=headers)
    assert response.status_code == 403
    assert "may not write" in response.json()["error"]["message"]


@pytest.mark.parametrize("value", ["Bearer nonsense", "Bearer bst_nope", "Bearer ", "Basic eDp5"])
def test_a_bad_authorization_header_is_401(client: TestClient, value: str) -> None:
    response = client.get("/api/v1/diary", headers={"Authorization": value})
    assert response.status_code == 401


def test_a_revoked_token_is_401_and_only_the_owner_can_revoke(client: TestClient) -> None:
    csrf = log_in(client, "doc@example.org")
    made = client.post("/api/v1/tokens", json={"name": "lab"}, headers={"X-CSRF-Token": csrf})
    token_id, token = made.json()["id"], made.json()["token"]
    ana = bearer(client, "ana@example.org")
    assert client.delete(f"/api/v1/tokens/{token_id}", headers=ana).status_code == 404
    assert client.delete(f"/api/v1/tokens/{token_id}").status_code == 403  # cookie, no CSRF
    revoked = client.delete(f"/api/v1/tokens/{token_id}", headers={"X-CSRF-Token": csrf})
    assert revoked.status_code == 204
    with TestClient(client.app) as other:
        assert (
            other.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
        )
    assert client.get("/api/v1/tokens").json()[0]["revoked_at"] is not None


@pytest.mark.parametrize(
    ("body", "status"),
    [({"name": ""}, 422), ({"name": "x", "scopes": ["admin"]}, 422), ({"nom": "x"}, 422)],
)
def test_a_bad_token_request_is_422(
    client: TestClient, body: dict[str, object], status: int
) -> None:
    csrf = log_in(client, "doc@example.org")
    response = client.post("/api/v1/tokens", json=body, headers={"X-CSRF-Token": csrf})
    assert response.status_code == status
    assert response.json()["error"]["message"]


def test_the_token_page_creates_lists_and_revokes(client: TestClient) -> None:
    csrf = log_in(client, "ana@example.org")
    page = client.post("/account/tokens", data={"name": "watch sync", "csrf_token": csrf})
    assert page.status_code == 200 and "will not be shown again" in page.text
    token = re.search(r'<code id="new-token">([^<]+)</code>', page.text)
    assert token is not None
    listing = client.get("/account/tokens").text
    assert "watch sync" in listing and token.group(1) not in listing
    token_id = client.get("/api/v1/tokens").json()[0]["id"]
    gone = client.post(f"/account/tokens/{token_id}/revoke", data={"csrf_token": csrf})
    assert gone.status_code == 200 and "revoked" in gone.text
    bad = client.post("/account/tokens", data={"name": " ", "csrf_token": csrf})
    assert bad.status_code == 422


# --- end to end: a clinician in real headless Chromium ---------------------------------------


@pytest.fixture
def clinic_server(clinic: Clinic) -> Iterator[str]:
    """The clinic app served by uvicorn on a loopback port (no trailing slash)."""
    port = free_port()
    app = create_app(
        WebSettings(mode="clinic", database_url=clinic.url, host="127.0.0.1", port=port)
    )
    with serving(app, port) as base:
        yield base.rstrip("/")


@pytest.mark.e2e
@requires_chromium
def test_a_clinician_signs_in_in_a_browser_and_sees_only_their_athletes(
    clinic_server: str, clinic: Clinic
) -> None:
    from playwright.sync_api import expect

    with chromium() as browser:
        page = browser.new_page()
        page.goto(f"{clinic_server}/clinic/athletes")
        expect(page).to_have_url(re.compile(r"/login\?next="))
        page.get_by_label("Email").fill("doc@example.org")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()

        expect(page).to_have_url(f"{clinic_server}/clinic/athletes")
        rows = page.locator("td.athlete-name")
        expect(rows).to_have_count(1)
        expect(rows.first).to_have_text("Ana")
        expect(page.locator("main")).not_to_contain_text("Ben")

        page.locator(f'tr[data-athlete="{clinic.ana}"]').get_by_role("link", name="Diary").click()
        expect(page).to_have_url(f"{clinic_server}/diary?athlete={clinic.ana}")
        expect(page.locator("main")).to_contain_text("stiff")

        response = page.goto(f"{clinic_server}/diary?athlete={clinic.ben}")
        assert response is not None and response.status == 404
        expect(page.locator("h1")).to_have_text("Not found")

        page.goto(f"{clinic_server}/clinic/athletes")
        page.get_by_role("button", name="Sign out").click()
        expect(page).to_have_url(f"{clinic_server}/login")
        page.goto(f"{clinic_server}/clinic/athletes")
        expect(page).to_have_url(re.compile(r"/login\?next="))


@pytest.mark.slow
def test_serve_clinic_starts_clinic_mode_and_says_when_there_is_no_admin(tmp_path: Path) -> None:
    import subprocess
    import sys

    import httpx

    port = free_port()
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    command = [sys.executable, "-m", "backstride", "serve", "--clinic", "--port", str(port),
               "--database", url]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/login", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None, "the server stopped"
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        assert httpx.get(f"http://127.0.0.1:{port}/api/v1/diary").status_code == 401
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=20)
    assert "No admin yet: run `backstride admin create-admin" in out
    db = open_database(url)
    with db.transaction() as session:
        assert session.scalars(select(Athlete)).all() == []  # no local default athlete
    db.close()


def test_an_upload_form_needs_the_csrf_token_too(client: TestClient) -> None:
    from tests.web.activity_files import gpx_run

    csrf = log_in(client, "ana@example.org")
    run = gpx_run(datetime(2025, 3, 15, 7, tzinfo=UTC), km=6.0)
    refused = client.post("/training/upload", files=[("files", ("r.gpx", run))])
    assert refused.status_code == 403
    ok = client.post(
        "/training/upload", files=[("files", ("r.gpx", run))], data={"csrf_token": csrf}
    )
    assert ok.status_code == 200, ok.text
    assert len(client.get("/api/v1/activities").json()) == 2
    # The upload went to Ana, not to anybody else.
    ben = bearer(client, "ben@example.org")
    assert len(client.get("/api/v1/activities", headers=ben).json()) == 1


def test_writing_without_credentials_is_401(client: TestClient) -> None:
    assert client.post("/api/v1/tokens", json={"name": "x"}).status_code == 401
    assert client.delete("/api/v1/tokens/1").status_code == 401
    assert client.post("/api/v1/diary", json={"day": "2025-03-01"}).status_code == 401


def test_token_and_sharing_ids_must_be_numbers_and_someone_elses_are_404(
    client: TestClient,
) -> None:
    doc_token = bearer(client, "doc@example.org")
    csrf = log_in(client, "ana@example.org")
    headers = {"X-CSRF-Token": csrf}
    assert client.delete("/api/v1/tokens/abc", headers=headers).status_code == 422
    assert client.delete("/api/v1/tokens/987654", headers=headers).status_code == 404
    doc_id = client.get("/api/v1/tokens", headers=doc_token).json()[0]["id"]
    page = client.post(f"/account/tokens/{doc_id}/revoke", data={"csrf_token": csrf})
    assert page.status_code == 404
    assert client.get("/api/v1/me", headers=doc_token).status_code == 200  # still alive
    bad = client.post("/account/sharing/abc/revoke", data={"csrf_token": csrf})
    assert bad.status_code == 422


def test_many_wrong_passwords_pause_sign_in_with_429(client: TestClient) -> None:
    from backstride.storage.accounts import LOGIN_FAILURE_LIMIT

    for _ in range(LOGIN_FAILURE_LIMIT):
        token = csrf_of(client)
        wrong = {"email": "ana@example.org", "password": "not it at all", "csrf_token": token}
        assert client.post("/login", data=wrong).status_code == 401
    token = csrf_of(client)
    right = {"email": "ana@example.org", "password": PASSWORD, "csrf_token": token}
    paused = client.post("/login", data=right)
    assert paused.status_code == 429
    assert "Too many failed sign-ins" in paused.text
    assert "bs_session" not in client.cookies
