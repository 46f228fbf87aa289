"""Account management in clinic mode: *My account* (change one's password), the admins' *Users*
page (create, reset a password, disable, enable) and `/api/v1/users`, `/api/v1/me/password`.

The clinic is test_clinic's: Ana and Ben (athletes), Doc (a clinician Ana shares with), Other (a
clinician) and Boss (the admin).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Err
from schemathesis.generation import GenerationMode

from backstride.storage import accounts
from backstride.web.app import create_app
from backstride.web.settings import WebSettings
from tests.web import test_clinic
from tests.web.test_clinic import PASSWORD, bearer, clinic_app, csrf_of, log_in

# The clinic fixtures (accounts for Ana, Ben, Doc, Other and Boss; a clinic-mode app).
clinic_url = test_clinic.clinic_url
postgres_url = test_clinic.postgres_url
clinic = test_clinic.clinic
app = test_clinic.app
client = test_clinic.client

NEW = "a brand new passphrase"


@pytest.fixture
def other(app: FastAPI) -> Iterator[TestClient]:
    """A second browser on the same app."""
    with TestClient(app) as second:
        yield second


def user_id(client: TestClient, email: str) -> int:
    db = client.app.state.database  # type: ignore[attr-defined]
    with db.transaction() as session:
        found = accounts.find_user(session, email)
        assert found is not None
        return found.id


def signed_in(client: TestClient) -> bool:
    response: httpx.Response = client.get("/account", follow_redirects=False)
    return response.status_code == 200


def can_log_in(app: FastAPI, email: str, password: str) -> int:
    with TestClient(app) as fresh:
        token = csrf_of(fresh)
        answer: httpx.Response = fresh.post(
            "/login",
            data={"email": email, "password": password, "csrf_token": token},
            follow_redirects=False,
        )
        return answer.status_code


def field_value(html: str, name: str) -> str | None:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html)
    return match.group(1) if match else None


def error_of(html: str, element_id: str) -> str:
    match = re.search(rf'<p class="error" id="{element_id}">([^<]*)</p>', html)
    assert match, f"no error #{element_id}"
    return unescape(match.group(1))


# --- My account --------------------------------------------------------------------------------


def test_my_account_shows_email_and_role_and_the_nav_links_it(app: FastAPI) -> None:
    with TestClient(app) as ana:
        log_in(ana, "ana@example.org")
        page = ana.get("/account")
        assert page.status_code == 200
        assert '<td id="account-email">ana@example.org</td>' in page.text
        assert '<td id="account-role">athlete</td>' in page.text
        assert page.headers["cache-control"] == "no-store"
        assert 'href="/account">Account</a>' in page.text
        assert 'href="/admin/users"' not in page.text
    with TestClient(app) as boss:
        log_in(boss, "boss@example.org")
        assert 'href="/admin/users">Users</a>' in boss.get("/account").text


def test_changing_the_password_keeps_this_session_and_ends_the_others(
    app: FastAPI, client: TestClient, other: TestClient
) -> None:
    csrf = log_in(client, "ana@example.org")
    log_in(other, "ana@example.org")
    form = {"current_password": PASSWORD, "new_password": NEW, "confirm_password": NEW}
    done = client.post("/account/password", data={**form, "csrf_token": csrf},
                       follow_redirects=False)  # fmt: skip
    assert done.status_code == 303 and done.headers["location"] == "/account?changed=1"
    assert "Your password is changed" in client.get("/account?changed=1").text
    assert signed_in(client)
    assert not signed_in(other)
    assert can_log_in(app, "ana@example.org", PASSWORD) == 401
    assert can_log_in(app, "ana@example.org", NEW) == 303


def test_a_wrong_current_password_is_marked_and_nothing_else_is_lost(
    app: FastAPI, client: TestClient, other: TestClient
) -> None:
    csrf = log_in(client, "ana@example.org")
    log_in(other, "ana@example.org")
    form = {"current_password": "not my password", "new_password": NEW, "confirm_password": NEW}
    page = client.post("/account/password", data={**form, "csrf_token": csrf})
    assert page.status_code == 422
    assert error_of(page.text, "a-current_password-err") == "Not your current password."
    assert field_value(page.text, "current_password") == ""
    assert field_value(page.text, "new_password") == NEW
    assert field_value(page.text, "confirm_password") == NEW
    assert page.headers["cache-control"] == "no-store"
    assert signed_in(client) and signed_in(other)
    assert can_log_in(app, "ana@example.org", PASSWORD) == 303


@pytest.mark.parametrize(
    ("form", "field", "message", "kept"),
    [
        ({"new_password": NEW, "confirm_password": NEW + "!"}, "confirm_password",
         "Does not match the new password", "current_password"),
        ({"new_password": "short", "confirm_password": "short"}, "new_password",
         "Too short; use at least", "current_password"),
        ({"new_password": PASSWORD, "confirm_password": PASSWORD}, "new_password",
         "The same as the current one", "current_password"),
        ({"current_password": "", "new_password": NEW, "confirm_password": NEW},
         "current_password", "Give your current password", "new_password"),
    ],
)  # fmt: skip
def test_a_bad_new_password_is_marked_beside_its_field(
    app: FastAPI, client: TestClient, form: dict[str, str], field: str, message: str, kept: str
) -> None:
    csrf = log_in(client, "ana@example.org")
    data = {"current_password": PASSWORD, **form, "csrf_token": csrf}
    page = client.post("/account/password", data=data)
    assert page.status_code == 422
    assert error_of(page.text, f"a-{field}-err").startswith(message)
    assert field_value(page.text, kept) == data[kept]
    assert can_log_in(app, "ana@example.org", PASSWORD) == 303


# --- CSRF and who may reach the admin pages ---------------------------------------------------


def _admin_posts(client: TestClient) -> list[tuple[str, dict[str, str]]]:
    doc = user_id(client, "doc@example.org")
    return [
        ("/admin/users", {"email": "new@example.org", "role": "athlete", "password": NEW}),
        (f"/admin/users/{doc}/password", {"password": NEW}),
        (f"/admin/users/{doc}/disable", {}),
        (f"/admin/users/{doc}/enable", {}),
    ]


def test_every_account_form_needs_the_csrf_token(app: FastAPI, client: TestClient) -> None:
    log_in(client, "boss@example.org")
    posts = [*_admin_posts(client), ("/account/password", {
        "current_password": PASSWORD, "new_password": NEW, "confirm_password": NEW})]  # fmt: skip
    for path, data in posts:
        for token in ({}, {"csrf_token": "forged"}):
            answer = client.post(path, data={**data, **token})
            assert answer.status_code == 403, path
            assert "reload the page" in answer.text
    assert can_log_in(app, "boss@example.org", PASSWORD) == 303
    assert can_log_in(app, "doc@example.org", PASSWORD) == 303
    assert "new@example.org" not in client.get("/admin/users").text


@pytest.mark.parametrize("email", ["ana@example.org", "doc@example.org"])
def test_athletes_and_clinicians_cannot_reach_the_admin_pages(
    app: FastAPI, client: TestClient, email: str
) -> None:
    csrf = log_in(client, email)
    assert client.get("/admin/users").status_code == 404
    assert 'href="/admin/users"' not in client.get("/account").text
    for path, data in _admin_posts(client):
        assert client.post(path, data={**data, "csrf_token": csrf}).status_code == 404, path
    assert client.get("/api/v1/users").status_code == 404
    headers = bearer(client, email)
    assert client.get("/api/v1/users", headers=headers).status_code == 404
    doc = user_id(client, "doc@example.org")
    patched = client.patch(f"/api/v1/users/{doc}", json={"disabled": True}, headers=headers)
    assert patched.status_code == 404
    assert can_log_in(app, "doc@example.org", PASSWORD) == 303


def test_the_account_pages_are_404_in_local_mode(tmp_path: Path) -> None:
    local = create_app(WebSettings(database_url=f"sqlite:///{tmp_path / 'local.db'}"))
    with TestClient(local) as browser:
        for path in ("/account", "/admin/users", "/api/v1/users"):
            assert browser.get(path).status_code == 404, path
        assert browser.post("/api/v1/me/password", json={}).status_code == 404
        assert 'href="/account"' not in browser.get("/").text
    local.state.database.close()


# --- the admins' Users page ------------------------------------------------------------------


def test_the_users_page_lists_every_account(client: TestClient) -> None:
    log_in(client, "boss@example.org")
    page = client.get("/admin/users")
    assert page.status_code == 200
    for email in ("ana@example.org", "ben@example.org", "doc@example.org", "boss@example.org"):
        assert email in page.text
    assert "boss@example.org (you)" in page.text
    assert page.text.count(">active</td>") == 5 and "never" in page.text


def test_an_admin_creates_an_account_that_can_sign_in(app: FastAPI, client: TestClient) -> None:
    csrf = log_in(client, "boss@example.org")
    data = {"email": "Physio@Example.org", "role": "clinician", "password": NEW}
    made = client.post("/admin/users", data={**data, "csrf_token": csrf}, follow_redirects=False)
    assert made.status_code == 303
    page = client.get(made.headers["location"])
    assert "physio@example.org can now sign in" in page.text
    assert can_log_in(app, "physio@example.org", NEW) == 303
    with TestClient(app) as physio:
        log_in(physio, "physio@example.org", NEW)
        assert '<td id="account-role">clinician</td>' in physio.get("/account").text


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "not-an-email"}, "email", "Not a valid address"),
        ({"email": "doc@example.org"}, "email", "doc@example.org already has an account"),
        ({"password": "short"}, "password", "Too short"),
        ({"role": "owner"}, "role", "'owner' is not a role"),
    ],
)
def test_a_refused_new_account_is_marked_beside_the_field_with_the_rest_kept(
    client: TestClient, data: dict[str, str], field: str, message: str
) -> None:
    csrf = log_in(client, "boss@example.org")
    form = {"email": "new@example.org", "role": "clinician", "password": NEW, **data}
    page = client.post("/admin/users", data={**form, "csrf_token": csrf})
    assert page.status_code == 422
    assert error_of(page.text, f"u-{field}-err").startswith(message)
    if field != "email":
        assert field_value(page.text, "email") == "new@example.org"
    if field != "password":
        assert field_value(page.text, "password") == NEW
    if field != "role":
        assert '<option value="clinician" selected>' in page.text
    assert "new@example.org</td>" not in page.text


def test_a_reset_ends_the_user_s_sessions_and_keeps_their_tokens(
    app: FastAPI, client: TestClient, other: TestClient
) -> None:
    csrf = log_in(client, "boss@example.org")
    log_in(other, "doc@example.org")
    token = bearer(client, "doc@example.org")
    doc = user_id(client, "doc@example.org")
    short = client.post(f"/admin/users/{doc}/password", data={"password": "x", "csrf_token": csrf})
    assert short.status_code == 422
    assert error_of(short.text, f"row-{doc}-err").startswith("Too short")
    assert signed_in(other)
    done = client.post(f"/admin/users/{doc}/password", data={"password": NEW, "csrf_token": csrf})
    assert done.status_code == 200  # followed the redirect
    assert "doc@example.org has a new password" in done.text
    assert not signed_in(other)
    assert client.get("/api/v1/me", headers=token).status_code == 200
    assert can_log_in(app, "doc@example.org", NEW) == 303
    me = user_id(client, "boss@example.org")
    mine = client.post(f"/admin/users/{me}/password", data={"password": NEW, "csrf_token": csrf})
    assert mine.status_code == 422 and "Use My account" in mine.text
    assert can_log_in(app, "boss@example.org", PASSWORD) == 303
    missing = client.post("/admin/users/999999/password", data={"password": NEW,
                                                               "csrf_token": csrf})  # fmt: skip
    assert missing.status_code == 404


def test_a_disabled_account_is_locked_out_until_enabled(
    app: FastAPI, client: TestClient, other: TestClient
) -> None:
    csrf = log_in(client, "boss@example.org")
    log_in(other, "doc@example.org")
    token = bearer(client, "doc@example.org")
    doc = user_id(client, "doc@example.org")
    page = client.post(f"/admin/users/{doc}/disable", data={"csrf_token": csrf})
    assert page.status_code == 200 and "doc@example.org is disabled" in page.text
    assert re.search(rf'data-user="{doc}">.*?<strong>disabled</strong>', page.text, re.DOTALL)
    assert not signed_in(other)
    assert client.get("/api/v1/me", headers=token).status_code == 401
    with TestClient(app) as fresh:
        login = csrf_of(fresh)
        refused = fresh.post("/login", data={"email": "doc@example.org", "password": PASSWORD,
                                             "csrf_token": login})  # fmt: skip
        assert refused.status_code == 401 and "This account is disabled" in refused.text
    back = client.post(f"/admin/users/{doc}/enable", data={"csrf_token": csrf})
    assert back.status_code == 200 and "doc@example.org is enabled again" in back.text
    assert client.get("/api/v1/me", headers=token).status_code == 200
    assert can_log_in(app, "doc@example.org", PASSWORD) == 303


def test_an_admin_cannot_disable_themselves(app: FastAPI, client: TestClient) -> None:
    csrf = log_in(client, "boss@example.org")
    me = user_id(client, "boss@example.org")
    page = client.post(f"/admin/users/{me}/disable", data={"csrf_token": csrf})
    assert page.status_code == 422
    assert error_of(page.text, f"row-{me}-err").startswith("You cannot disable your own")
    assert signed_in(client)


# --- JSON API ----------------------------------------------------------------------------------


def test_an_admin_lists_and_creates_users_through_the_api(app: FastAPI, client: TestClient) -> None:
    headers = bearer(client, "boss@example.org")
    listed = client.get("/api/v1/users", headers=headers)
    assert listed.status_code == 200
    rows = {row["email"]: row for row in listed.json()}
    assert set(rows) == {f"{n}@example.org" for n in ("ana", "ben", "doc", "other", "boss")}
    assert rows["ana@example.org"]["athlete_id"] is not None
    assert rows["doc@example.org"]["disabled"] is False
    assert rows["doc@example.org"]["disabled_at"] is None
    body = {"email": "lab@example.org", "role": "athlete", "password": NEW}
    made = client.post("/api/v1/users", json=body, headers=headers)
    assert made.status_code == 201, made.text
    assert made.json()["role"] == "athlete" and made.json()["athlete_id"] is not None
    assert NEW not in made.text
    assert can_log_in(app, "lab@example.org", NEW) == 303


@pytest.mark.parametrize(
    ("body", "field", "value"),
    [
        ({"email": "nope", "role": "athlete", "password": NEW}, "email", "nope"),
        ({"email": "doc@example.org", "role": "athlete", "password": NEW}, "email",
         "doc@example.org"),
        ({"email": "x@example.org", "role": "owner", "password": NEW}, "role", '"owner"'),
        ({"email": "x@example.org", "role": "athlete", "password": "s3cr!"}, "password", None),
        ({"email": "x@example.org", "role": "athlete"}, "password", None),
        ({"email": "x@example.org", "role": "athlete", "password": NEW, "admin": True}, "admin",
         None),
    ],
)  # fmt: skip
def test_a_bad_new_user_is_422_naming_field_value_and_what_is_allowed(
    client: TestClient, body: dict[str, Any], field: str, value: str | None
) -> None:
    headers = bearer(client, "boss@example.org")
    answer = client.post("/api/v1/users", json=body, headers=headers)
    assert answer.status_code == 422
    problem = answer.json()["error"]["problems"][0]
    assert (problem["field"], problem["value"]) == (field, value)
    assert problem["allowed"] and problem["message"]
    assert "s3cr!" not in answer.text  # a password is never echoed
    assert "x@example.org" not in client.get("/api/v1/users", headers=headers).text


def test_api_writes_respect_token_scopes_and_csrf(client: TestClient) -> None:
    body = {"email": "lab@example.org", "role": "clinician", "password": NEW}
    reader = bearer(client, "boss@example.org", scopes=["read"])
    assert client.get("/api/v1/users", headers=reader).status_code == 200
    assert client.post("/api/v1/users", json=body, headers=reader).status_code == 403
    doc = user_id(client, "doc@example.org")
    patch = client.patch(f"/api/v1/users/{doc}", json={"disabled": True}, headers=reader)
    assert patch.status_code == 403
    change = {"current_password": PASSWORD, "new_password": NEW}
    assert client.post("/api/v1/me/password", json=change, headers=reader).status_code == 403
    csrf = log_in(client, "boss@example.org")
    assert client.post("/api/v1/users", json=body).status_code == 403  # cookie without CSRF
    made = client.post("/api/v1/users", json=body, headers={"X-CSRF-Token": csrf})
    assert made.status_code == 201


def test_disabling_through_the_api(app: FastAPI, client: TestClient) -> None:
    headers = bearer(client, "boss@example.org")
    docs = bearer(client, "doc@example.org")
    doc = user_id(client, "doc@example.org")
    off = client.patch(f"/api/v1/users/{doc}", json={"disabled": True}, headers=headers)
    assert off.status_code == 200
    assert off.json()["disabled"] is True and off.json()["disabled_at"]
    assert client.get("/api/v1/me", headers=docs).status_code == 401
    assert can_log_in(app, "doc@example.org", PASSWORD) == 401
    on = client.patch(f"/api/v1/users/{doc}", json={"disabled": False}, headers=headers)
    assert on.json()["disabled"] is False and on.json()["disabled_at"] is None
    assert client.get("/api/v1/me", headers=docs).status_code == 200
    me = user_id(client, "boss@example.org")
    mine = client.patch(f"/api/v1/users/{me}", json={"disabled": True}, headers=headers)
    assert mine.status_code == 422
    assert mine.json()["error"]["problems"][0] | {"message": ""} == {
        "field": "disabled",
        "value": "true",
        "allowed": "you cannot disable your own account; another admin can",
        "message": "",
    }
    for path, body, status in (
        ("/api/v1/users/999999", {"disabled": True}, 404),
        (f"/api/v1/users/{doc}", {"disabled": "maybe"}, 422),
        (f"/api/v1/users/{doc}", {}, 422),
        (f"/api/v1/users/{doc}", {"role": "admin"}, 422),
        ("/api/v1/users/0", {"disabled": True}, 422),
        (f"/api/v1/users/{2**31}", {"disabled": True}, 422),  # beyond any INTEGER key
    ):
        assert client.patch(path, json=body, headers=headers).status_code == status, path


def test_changing_one_s_password_through_the_api(
    app: FastAPI, client: TestClient, other: TestClient
) -> None:
    csrf = log_in(client, "doc@example.org")
    log_in(other, "doc@example.org")
    wrong = client.post(
        "/api/v1/me/password",
        json={"current_password": "not my password", "new_password": NEW},
        headers={"X-CSRF-Token": csrf},
    )
    assert wrong.status_code == 422
    problem = wrong.json()["error"]["problems"][0]
    assert problem["field"] == "current_password" and problem["value"] is None
    assert "not my password" not in wrong.text
    weak = client.post(
        "/api/v1/me/password",
        json={"current_password": PASSWORD, "new_password": "short"},
        headers={"X-CSRF-Token": csrf},
    )
    assert weak.status_code == 422
    assert weak.json()["error"]["problems"][0]["field"] == "new_password"
    done = client.post(
        "/api/v1/me/password",
        json={"current_password": PASSWORD, "new_password": NEW},
        headers={"X-CSRF-Token": csrf},
    )
    assert done.status_code == 200 and done.json() == {"sessions_ended": 1}
    assert signed_in(client) and not signed_in(other)
    assert can_log_in(app, "doc@example.org", NEW) == 303


def test_a_token_changing_the_password_ends_every_web_session(
    client: TestClient, other: TestClient
) -> None:
    headers = bearer(client, "ana@example.org")
    log_in(other, "ana@example.org")
    change = {"current_password": PASSWORD, "new_password": NEW}
    done = client.post("/api/v1/me/password", json=change, headers=headers)
    assert done.json() == {"sessions_ended": 1}
    assert not signed_in(other)
    assert client.get("/api/v1/me", headers=headers).status_code == 200


def test_too_many_wrong_current_passwords_pause_with_429(client: TestClient) -> None:
    headers = bearer(client, "ana@example.org")
    change = {"current_password": "wrong guess", "new_password": NEW}
    for _ in range(accounts.LOGIN_FAILURE_LIMIT):
        assert client.post("/api/v1/me/password", json=change, headers=headers).status_code == 422
    right = {"current_password": PASSWORD, "new_password": NEW}
    assert client.post("/api/v1/me/password", json=right, headers=headers).status_code == 429


def test_the_account_endpoints_are_in_the_openapi_document(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    paths = document["paths"]
    ok = {
        ("/api/v1/users", "get", "200"): "UserOut",
        ("/api/v1/users", "post", "201"): "UserOut",
        ("/api/v1/users/{user_id}", "patch", "200"): "UserOut",
        ("/api/v1/me/password", "post", "200"): "PasswordChanged",
    }
    for (path, method, status), model in ok.items():
        answer = paths[path][method]["responses"]
        assert model in str(answer[status]["content"]), (path, method)
        assert "ErrorOut" in str(answer["422"]["content"])
    assert {"UserIn", "UserPatch", "PasswordIn"} <= set(document["components"]["schemas"])
    assert not any(p.startswith(("/account", "/admin")) for p in paths)


def test_no_generated_request_to_the_account_api_makes_a_server_error(client: TestClient) -> None:
    """Schemathesis over the new operations, as the admin (a token: no CSRF to forge)."""
    headers = bearer(client, "boss@example.org")
    schema = schemathesis.openapi.from_asgi("/openapi.json", client.app)
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        if isinstance(result, Err):  # the document has an operation Schemathesis cannot read
            raise result.err()
        operation = result.ok()
        if not operation.path.startswith(("/api/v1/users", "/api/v1/me/password")):
            continue
        operations += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=15,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def run(case: Any) -> None:
                case.call_and_validate(headers=headers, checks=[not_a_server_error])

            try:
                run()
            except Unsatisfiable:  # nothing invalid to send (an operation without inputs)
                continue
            except Exception as exc:
                failures.append(f"{operation.label} ({mode.value}): {str(exc)[:800]}")
    assert operations == 4
    assert not failures, "\n\n".join(failures)


def test_a_second_app_process_sees_a_disabled_account_at_once(
    client: TestClient, clinic: test_clinic.Clinic
) -> None:
    headers = bearer(client, "boss@example.org")
    docs = bearer(client, "doc@example.org")
    second = clinic_app(clinic.url)
    with TestClient(second) as elsewhere:
        assert elsewhere.get("/api/v1/me", headers=docs).status_code == 200
        doc = user_id(client, "doc@example.org")
        client.patch(f"/api/v1/users/{doc}", json={"disabled": True}, headers=headers)
        assert elsewhere.get("/api/v1/me", headers=docs).status_code == 401
    second.state.database.close()
