"""Ids and days at the edges: a number no row can have is a 422 naming it (PostgreSQL refuses
to compare an INTEGER key with it, which used to be a 500); the largest possible id is an
ordinary 404; plan days far outside the calendar are refused."""

from __future__ import annotations

from datetime import date

import httpx
import pytest
from fastapi.testclient import TestClient

from backstride.web.deps import MAX_ID
from tests.web.test_clinic import Clinic, bearer
from tests.web.test_clinic import app as app  # re-exported fixtures
from tests.web.test_clinic import client as client
from tests.web.test_clinic import clinic as clinic
from tests.web.test_clinic import clinic_url as clinic_url
from tests.web.test_clinic import postgres_url as postgres_url

TOO_BIG = MAX_ID + 1
CASE = {"age": 30}


def _requests(big: int) -> list[tuple[str, str]]:
    return [
        ("GET", f"/api/v1/assessments/{big}"),
        ("GET", f"/assessments/{big}"),
        ("GET", f"/assessments/{big}/fhir.json"),
        ("GET", f"/api/v1/diary?athlete={big}"),
        ("POST", f"/api/v1/assessments?athlete={big}"),
        ("GET", f"/api/v1/plan?assessment={big}"),
        ("DELETE", f"/api/v1/tokens/{big}"),
        ("PATCH", f"/api/v1/users/{big}"),
    ]


def _send(client: TestClient, method: str, url: str) -> httpx.Response:
    """As an athlete (their own data), or as the admin for the admin-only user route."""
    response: httpx.Response  # TestClient is typed against httpx2 (not installed): Any to mypy
    if method == "PATCH":
        admin = bearer(client, "boss@example.org")
        response = client.patch(url, headers=admin, json={"disabled": True})
    else:
        response = client.request(method, url, headers=bearer(client, "ana@example.org"), json=CASE)
    return response


@pytest.mark.parametrize(("method", "url"), _requests(TOO_BIG))
def test_an_id_no_row_can_have_is_422(client: TestClient, method: str, url: str) -> None:
    response = _send(client, method, url)
    assert response.status_code == 422, response.text
    if url.startswith("/api/"):
        problem = response.json()["error"]["problems"][0]
        assert str(TOO_BIG) in problem["value"]


@pytest.mark.parametrize(("method", "url"), _requests(MAX_ID))
def test_the_largest_id_is_a_plain_404(client: TestClient, method: str, url: str) -> None:
    assert _send(client, method, url).status_code == 404


@pytest.mark.parametrize("query", ["start=0001-01-01", "as_of=9999-12-31"])
def test_plan_days_far_outside_the_calendar_are_422(
    client: TestClient, clinic: Clinic, query: str
) -> None:
    ana = bearer(client, "ana@example.org")
    response = client.get(f"/api/v1/plan?{query}", headers=ana)
    assert response.status_code == 422
    assert response.json()["error"]["problems"][0]["field"] in ("start", "as_of")


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("GET", "/api/v1/load?as_of={day}"),
        ("POST", "/api/v1/assessments?history=true&as_of={day}"),
        ("PUT", "/api/v1/diary/{day}"),
        ("GET", "/api/v1/diary/{day}"),
        ("GET", "/api/v1/diary?since={day}"),
        ("GET", "/training?as_of={day}"),
        ("GET", "/diary/{day}/edit"),
    ],
)
def test_days_far_outside_the_calendar_are_422_everywhere(
    client: TestClient, method: str, url: str, day: str
) -> None:
    ana = bearer(client, "ana@example.org")
    body = {"age": 30} if method == "POST" else {"pain_morning": 2}
    response = client.request(method, url.format(day=day), headers=ana, json=body)
    assert response.status_code == 422, response.text
    assert "1900-01-01" in response.text or "not allowed" in response.text or day in response.text


def test_the_diary_form_names_a_day_outside_the_calendar(client: TestClient) -> None:
    from backstride.training.diary import problems_of

    lines = problems_of(date(9999, 12, 31), {}, [], None, None)
    assert lines == [
        "diary.date: 9999-12-31 is not allowed; give a day from 1900-01-01 to 2200-12-31"
    ]
