"""Clinic mode on the plan, measures and report pages: the usual access rules and CSRF."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web import test_clinic
from tests.web.test_clinic import Clinic, log_in

# The clinic fixtures (accounts for Ana, Ben, a clinician and an admin; a clinic-mode app).
clinic_url = test_clinic.clinic_url
postgres_url = test_clinic.postgres_url
clinic = test_clinic.clinic
app = test_clinic.app
client = test_clinic.client


def test_a_clinician_sees_a_shared_plan_and_report_but_not_another(
    client: TestClient, clinic: Clinic
) -> None:
    log_in(client, "doc@example.org")
    page = client.get(f"/plan?athlete={clinic.ana}")
    assert page.status_code == 200
    assert f"athlete={clinic.ana}" in page.text  # download links keep the choice
    assert client.get(f"/api/v1/plan?athlete={clinic.ana}").json()["assessment"]["id"] == (
        clinic.ana_assessment
    )
    assert client.get(f"/report.pdf?athlete={clinic.ana}").content.startswith(b"%PDF")
    fhir = f"/assessments/{clinic.ana_assessment}/fhir.json?athlete={clinic.ana}"
    assert client.get(fhir).status_code == 200
    for path in (
        f"/plan?athlete={clinic.ben}",
        f"/plan.ics?athlete={clinic.ben}",
        f"/measures?athlete={clinic.ben}",
        f"/api/v1/measures?athlete={clinic.ben}",
        f"/report.html?athlete={clinic.ben}",
        f"/assessments/{clinic.ben_assessment}/fhir.json?athlete={clinic.ben}",
        f"/assessments/{clinic.ben_assessment}/fhir.json?athlete={clinic.ana}",
    ):
        assert client.get(path).status_code == 404, path


def test_measures_form_needs_the_csrf_token(client: TestClient) -> None:
    csrf = log_in(client, "ana@example.org")
    form = {"instrument": "pain", "pain": "3"}
    assert client.post("/measures", data=form).status_code == 403
    assert client.get("/api/v1/measures").json()["scores"] == []
    page = client.get("/measures").text
    assert page.count(f'name="csrf_token" value="{csrf}"') >= 4
    saved = client.post("/measures", data={**form, "csrf_token": csrf}, follow_redirects=False)
    assert saved.status_code == 303
    assert len(client.get("/api/v1/measures").json()["scores"]) == 1


def test_a_clinician_cannot_enter_scores_for_an_athlete(client: TestClient, clinic: Clinic) -> None:
    csrf = log_in(client, "doc@example.org")
    response = client.post(
        f"/api/v1/measures?athlete={clinic.ana}",
        json={"instrument": "pain", "answers": {"pain": 2}},
        headers={"X-CSRF-Token": csrf},
    )
    assert response.status_code == 403


def test_only_the_owner_deletes_a_score_and_the_form_needs_the_csrf_token(
    client: TestClient, clinic: Clinic
) -> None:
    csrf = log_in(client, "ana@example.org")
    body = {"instrument": "pain", "answers": {"pain": 4}}
    headers = {"X-CSRF-Token": csrf}
    score = client.post("/api/v1/measures", json=body, headers=headers).json()["id"]
    assert client.post(f"/measures/{score}/delete").status_code == 403  # no CSRF token
    ben = log_in(client, "ben@example.org")
    not_hers = client.delete(f"/api/v1/measures/{score}", headers={"X-CSRF-Token": ben})
    assert not_hers.status_code == 404
    assert client.post(f"/measures/{score}/delete", data={"csrf_token": ben}).status_code == 404
    doc = log_in(client, "doc@example.org")
    shared = client.delete(
        f"/api/v1/measures/{score}?athlete={clinic.ana}", headers={"X-CSRF-Token": doc}
    )
    assert shared.status_code == 403  # a clinician reads, never changes
    assert client.get(f"/api/v1/measures?athlete={clinic.ana}").json()["scores"][0]["id"] == score
