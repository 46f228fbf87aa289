"""POST /api/v1/assessments in clinic mode.

The create path checks the user without FastAPI dependencies (see `deps.acting_for`), so the
access rules that other routes get from their dependencies are proved here for it: sign-in,
CSRF with a cookie, token scopes, whose data, and a clinician's read-only access.
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.test_clinic import EXAMPLES, Clinic, bearer, log_in
from tests.web.test_clinic import app as app  # re-exported fixtures
from tests.web.test_clinic import client as client
from tests.web.test_clinic import clinic as clinic
from tests.web.test_clinic import clinic_url as clinic_url
from tests.web.test_clinic import postgres_url as postgres_url

CASE = (EXAMPLES / "self-care.json").read_bytes()
JSON = {"Content-Type": "application/json"}


def _create(client: TestClient, query: str = "", **headers: str) -> tuple[int, dict[str, object]]:
    response = client.post(f"/api/v1/assessments{query}", content=CASE, headers=JSON | headers)
    return response.status_code, response.json()


def _count(client: TestClient, athlete: int, headers: dict[str, str]) -> int:
    listed = client.get(f"/api/v1/assessments?athlete={athlete}", headers=headers)
    assert listed.status_code == 200
    return len(listed.json())


def test_creating_without_credentials_is_401_and_saves_nothing(
    client: TestClient, clinic: Clinic
) -> None:
    status, body = _create(client)
    assert status == 401
    assert body["error"]["message"].startswith("Sign in")  # type: ignore[index]
    assert _count(client, clinic.ana, bearer(client, "ana@example.org")) == 1


def test_a_bad_case_from_a_stranger_is_401_not_422(client: TestClient) -> None:
    """Who is asking is checked before the body is read: no hint about validation."""
    response = client.post("/api/v1/assessments", content=b"{", headers=JSON)
    assert response.status_code == 401


def test_a_cookie_needs_the_csrf_header(client: TestClient, clinic: Clinic) -> None:
    csrf = log_in(client, "ana@example.org")
    assert _create(client)[0] == 403
    assert _create(client, **{"X-CSRF-Token": "0" * 64})[0] == 403
    status, body = _create(client, **{"X-CSRF-Token": csrf})
    assert status == 201
    assert body["result"]["triage"]["level"] == "self_care"  # type: ignore[index]
    mine = client.get(f"/api/v1/assessments/{body['id']}")
    assert mine.status_code == 200


def test_a_token_saves_into_its_owner_and_a_read_only_token_cannot(
    client: TestClient, clinic: Clinic
) -> None:
    ana = bearer(client, "ana@example.org")
    assert _create(client, **ana)[0] == 201
    assert _count(client, clinic.ana, ana) == 2
    read_only = bearer(client, "ana@example.org", scopes=["read"])
    assert _create(client, **read_only)[0] == 403
    assert _count(client, clinic.ana, ana) == 2


def test_an_athlete_cannot_create_in_another_athlete(client: TestClient, clinic: Clinic) -> None:
    ana = bearer(client, "ana@example.org")
    assert _create(client, f"?athlete={clinic.ben}", **ana)[0] == 404
    ben = bearer(client, "ben@example.org")
    assert _count(client, clinic.ben, ben) == 1


def test_a_clinician_may_not_create_for_a_shared_athlete_and_sees_no_other(
    client: TestClient, clinic: Clinic
) -> None:
    doc = bearer(client, "doc@example.org")
    status, body = _create(client, f"?athlete={clinic.ana}", **doc)
    assert status == 403 and "not change it" in str(body)
    assert _create(client, f"?athlete={clinic.ben}", **doc)[0] == 404
    assert _create(client, **doc)[0] == 422  # a clinician must say whose data
    assert _count(client, clinic.ana, doc) == 1


def test_a_bad_query_value_is_422_naming_it(client: TestClient) -> None:
    ana = bearer(client, "ana@example.org")
    status, body = _create(client, "?history=perhaps", **ana)
    assert status == 422
    problem = body["error"]["problems"][0]  # type: ignore[index]
    assert problem["field"] == "history" and problem["value"] == '"perhaps"'
