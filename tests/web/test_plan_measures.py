"""The plan, instrument and clinician-report pages, their downloads and JSON twins."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient

JSON_HEADERS = {"content-type": "application/json"}


def save(client: TestClient, case: str) -> int:
    response = client.post("/api/v1/assessments", content=case, headers=JSON_HEADERS)
    assert response.status_code == 201, response.text
    saved: int = response.json()["id"]
    return saved


# --- Plan ---------------------------------------------------------------------------------------


def test_plan_without_an_assessment_asks_for_one(client: TestClient) -> None:
    page = client.get("/plan")
    assert page.status_code == 200
    assert 'href="/assess"' in page.text
    assert client.get("/api/v1/plan").status_code == 404
    assert client.get("/plan.ics").status_code == 404


def test_plan_page_shows_the_programme_with_drawings_and_reasons(
    client: TestClient, self_care_case: str
) -> None:
    saved = save(client, self_care_case)
    result_page = client.get(f"/assessments/{saved}").text
    assert f'href="/plan?assessment={saved}"' in result_page
    assert "Make my plan" in result_page
    page = client.get("/plan")
    assert page.status_code == 200
    data = client.get("/api/v1/plan").json()
    programme = data["programme"]
    assert programme["offered"] is True
    assert data["assessment"]["id"] == saved
    first = programme["weeks"][0]["items"][0]
    assert first["name"] in page.text
    assert first["dose"].replace("×", "&times;") in page.text or first["dose"] in page.text
    for week in programme["weeks"]:
        assert f"Week {week['number']}" in page.text
    drawings = re.findall(r'src="(/plan/illustrations/[a-z0-9_]+\.svg)"', page.text)
    assert drawings
    svg = client.get(drawings[0])
    assert svg.status_code == 200
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert "default-src 'none'" in svg.headers["content-security-policy"]
    assert svg.text.lstrip().startswith("<svg")
    assert "Chosen for:" in page.text
    assert "Easier version:" in page.text and "Harder version:" in page.text
    assert "Return to running" in page.text
    assert 'href="/plan.ics"' in page.text
    assert 'href="/api/v1/plan"' in page.text


def test_plan_for_a_chosen_assessment_and_start(client: TestClient, self_care_case: str) -> None:
    first = save(client, self_care_case)
    save(client, self_care_case)
    data = client.get(f"/api/v1/plan?assessment={first}&start=2024-03-04&weeks=8").json()
    assert data["assessment"]["id"] == first
    assert data["programme"]["start"] == "2024-03-04"
    assert len(data["programme"]["weeks"]) == 8


def test_plan_calendar_parses(client: TestClient, self_care_case: str) -> None:
    from icalendar import Calendar

    save(client, self_care_case)
    response = client.get("/plan.ics?start=2024-03-04")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert "attachment" in response.headers["content-disposition"]
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    sessions = client.get("/api/v1/plan?start=2024-03-04").json()["programme"]["sessions"]
    programme_events = [e for e in events if str(e["uid"]).startswith("programme-")]
    assert len(programme_events) == len(sessions)
    assert programme_events[0].decoded("dtstart") == date(2024, 3, 4) + timedelta(
        days=(date.fromisoformat(sessions[0]["day"]) - date(2024, 3, 4)).days
    )


def test_no_programme_at_consultation_24_and_above(
    client: TestClient, cauda_equina_case: str
) -> None:
    save(client, cauda_equina_case)
    data = client.get("/api/v1/plan").json()
    assert data["programme"]["offered"] is False
    assert data["programme"]["weeks"] == []
    assert data["return_to_run"]["offered"] is False
    page = client.get("/plan")
    assert page.status_code == 200
    assert "No exercise programme for now" in page.text
    assert "/plan/illustrations/" not in page.text
    calendar = client.get("/plan.ics")
    assert b"BEGIN:VEVENT" not in calendar.content


def test_return_to_run_reads_the_diary(client: TestClient, self_care_case: str) -> None:
    save(client, self_care_case)
    start = date.today() - timedelta(days=10)
    bad = {"day": (start + timedelta(days=2)).isoformat(), "pain_morning": 7, "pain_during": 7}
    assert client.post("/api/v1/diary", json=bad).status_code == 201
    run = client.get(f"/api/v1/plan?start={start.isoformat()}").json()["return_to_run"]
    assert run["as_of"] == date.today().isoformat()
    assert run["start"] == start.isoformat()
    page = client.get(f"/plan?start={start.isoformat()}")
    assert page.status_code == 200
    for change in run["changes"]:
        assert change["day"] in page.text


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("weeks=9", "weeks"),
        ("ceiling=6", "ceiling"),
        ("start=soon", "start"),
        ("assessment=0", "assessment"),
    ],
)
def test_plan_refuses_bad_options(
    client: TestClient, self_care_case: str, query: str, field: str
) -> None:
    save(client, self_care_case)
    response = client.get(f"/api/v1/plan?{query}")
    assert response.status_code == 422
    problem = response.json()["error"]["problems"][0]
    assert problem["field"] == field
    assert problem["allowed"]
    assert client.get(f"/plan?{query}").status_code == 422


@pytest.mark.parametrize(
    ("query", "field", "kept"),
    [("ceiling=9&weeks=8", "ceiling", "9"), ("start=soon&weeks=8", "start", "soon")],
)
def test_plan_page_shows_a_wrong_option_beside_its_field_and_keeps_the_others(
    client: TestClient, self_care_case: str, query: str, field: str, kept: str
) -> None:
    save(client, self_care_case)
    page = client.get(f"/plan?{query}")
    assert page.status_code == 422
    message = re.search(rf'<p class="error" id="pl-{field}-err">([^<]+)</p>', page.text)
    assert message is not None and kept in message.group(1)
    assert re.search(rf'name="{field}"[^>]* value="{kept}"', page.text)  # typed value kept
    assert "<option selected>8</option>" in page.text  # the valid choice is kept
    assert "Week 8" in page.text  # and the plan is still shown, with the default for the rest
    assert f"{field}={kept}" not in page.text.split('id="pl-')[0]  # downloads use valid ones


def test_plan_page_reports_a_wrong_hidden_option_at_the_top(
    client: TestClient, self_care_case: str
) -> None:
    save(client, self_care_case)
    page = client.get("/plan?as_of=never")
    assert page.status_code == 422
    assert 'role="alert"' in page.text and "As of: " in page.text
    assert "Week 6" in page.text


def test_plan_of_an_unknown_assessment_is_404(client: TestClient, self_care_case: str) -> None:
    save(client, self_care_case)
    assert client.get("/api/v1/plan?assessment=999").status_code == 404
    assert client.get("/plan?assessment=999").status_code == 404


@pytest.mark.parametrize("name", ["nothing.svg", "..%2Fapp.py", "bird_dog.SVG", "bird_dog.svg.txt"])
def test_only_known_illustrations_are_served(client: TestClient, name: str) -> None:
    assert client.get(f"/plan/illustrations/{name}").status_code in (404, 422)


def test_plan_is_in_the_nav_and_openapi(client: TestClient) -> None:
    assert 'href="/plan"' in client.get("/").text
    paths = client.get("/openapi.json").json()["paths"]
    assert "/api/v1/plan" in paths
    assert "/api/v1/measures" in paths
    assert set(paths["/api/v1/measures"]) == {"get", "post"}


# --- Clinician report and FHIR ------------------------------------------------------------------


def test_report_downloads(client: TestClient, self_care_case: str) -> None:
    saved = save(client, self_care_case)
    html = client.get(f"/report.html?assessment={saved}")
    assert html.status_code == 200
    assert html.headers["content-type"].startswith("text/html")
    assert "clinician report" in html.text.lower()
    pdf = client.get("/report.pdf")
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_report_without_an_assessment_is_404(client: TestClient) -> None:
    assert client.get("/report.pdf").status_code == 404
    assert client.get("/report.html").status_code == 404
    assert client.get("/report.pdf?assessment=abc").status_code == 422


def test_fhir_bundle_parses_back(client: TestClient, self_care_case: str) -> None:
    from fhir.resources.R4B.bundle import Bundle

    saved = save(client, self_care_case)
    client.post("/api/v1/measures", json={"instrument": "pain", "answers": {"pain": 3}})
    response = client.get(f"/assessments/{saved}/fhir.json")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/fhir+json")
    bundle = Bundle.model_validate(json.loads(response.content))
    kinds: set[str] = set()
    for e in bundle.entry or []:
        assert e.resource is not None
        kinds.add(e.resource.__resource_type__)
    assert {"Patient", "QuestionnaireResponse", "RiskAssessment"} <= kinds
    assert client.get("/assessments/999/fhir.json").status_code == 404


# --- Instruments --------------------------------------------------------------------------------


def form_errors(html: str) -> list[str]:
    return re.findall(r'<p class="error" id="([^"]+)-err">', html)


def test_measures_page_respects_the_instruments_terms(client: TestClient) -> None:
    from backstride.instruments import startback

    page = client.get("/measures")
    assert page.status_code == 200
    html = page.text
    for topic in startback.TOPICS:
        assert topic in html
    assert "Keele University" in html
    assert "Pain intensity" in html and "Travelling" in html
    assert html.count('name="ticked"') == 24
    assert html.count("is licensed and is not shown here") == 1
    assert "statements are not shown here" in html
    forms = re.findall(r"<form[^>]*method=\"post\".*?</form>", html, re.DOTALL)
    assert len(forms) == 4
    assert all('name="csrf_token"' in form for form in forms)
    assert 'href="/measures"' in client.get("/").text


STARTBACK_FORM = {f"item{i}": v for i, v in enumerate("11011010", start=1)} | {"item9": "very_much"}


def test_each_form_saves_and_the_trend_is_shown(client: TestClient) -> None:
    earlier = (date.today() - timedelta(days=28)).isoformat()
    posts = [
        {"instrument": "pain", "pain": "7", "date": earlier},
        {"instrument": "pain", "pain": "2"},
        {"instrument": "startback", **STARTBACK_FORM},
        {
            "instrument": "oswestry",
            "section1": "3",
            "section2": "2",
            "section8": "",
            "date": earlier,
        },
        {"instrument": "oswestry", "section1": "1", "section2": "0"},
        {"instrument": "rmdq", "ticked": ["2", "5", "17"]},
    ]
    for form in posts:
        response = client.post("/measures", data=form, follow_redirects=False)
        assert response.status_code == 303, (form, response.text[:500])
        assert response.headers["location"].startswith("/measures?saved=")
    data = client.get("/api/v1/measures").json()
    assert len(data["scores"]) == 6
    by = {t["instrument"]: t for t in data["trends"]}
    assert by["pain"]["verdict"] == "meaningful_improvement"
    assert by["pain"]["change"] == -5
    assert by["oswestry"]["verdict"] == "meaningful_improvement"
    assert by["startback"]["verdict"] == "single_score"
    assert by["rmdq"]["latest"]["total"] == 3
    page = client.get("/measures").text
    assert "meaningful improvement" in page
    assert "Ostelo" in page
    assert "5/9" in page or "6/9" in page


@pytest.mark.parametrize(
    ("form", "field", "kept"),
    [
        ({"instrument": "pain", "pain": "11"}, "pain-pain", 'value="11"'),
        ({"instrument": "pain", "pain": ""}, "pain-pain", None),
        ({"instrument": "pain", "pain": "3", "date": "2999-01-01"}, "pain-date", 'value="3"'),
        ({"instrument": "pain", "pain": "3", "date": "yesterday"}, "pain-date", 'value="3"'),
        (
            {**STARTBACK_FORM, "instrument": "startback", "item3": "", "item9": "loads"},
            "sb-3",
            'name="item1" value="1" checked',
        ),
        (
            {"instrument": "oswestry", "section1": "6", "section2": "2"},
            "odi-1",
            'name="section2" inputmode="numeric" size="3" value="2"',
        ),
        ({"instrument": "oswestry"}, "odi-1", None),
        ({"instrument": "rmdq", "ticked": ["3", "25"]}, "rmdq", 'value="3" checked'),
    ],
)
def test_form_errors_are_shown_beside_the_field(
    client: TestClient, form: dict[str, object], field: str, kept: str | None
) -> None:
    response = client.post("/measures", data=form)
    assert response.status_code == 422
    assert field in form_errors(response.text)
    if kept:
        assert kept in response.text
    assert client.get("/api/v1/measures").json()["scores"] == []


def test_startback_errors_name_every_wrong_item(client: TestClient) -> None:
    form = {"instrument": "startback", "item1": "1", "item9": "slightly"}
    errors = form_errors(client.post("/measures", data=form).text)
    assert [e for e in errors if e.startswith("sb-")] == [f"sb-{i}" for i in range(2, 9)]


def test_unknown_instrument_form(client: TestClient) -> None:
    response = client.post("/measures", data={"instrument": "sf36"})
    assert response.status_code == 422
    assert "Choose one of the forms" in response.text


def test_a_score_entered_by_mistake_can_be_deleted(client: TestClient) -> None:
    for pain in ("3", "9"):
        client.post("/measures", data={"instrument": "pain", "pain": pain})
    first, wrong = sorted(s["id"] for s in client.get("/api/v1/measures").json()["scores"])
    page = client.get("/measures").text
    assert f'action="/measures/{wrong}/delete"' in page
    gone = client.post(f"/measures/{wrong}/delete", follow_redirects=False)
    assert gone.status_code == 303
    assert gone.headers["location"] == f"/measures?deleted={wrong}"
    assert f"Deleted score #{wrong}." in client.get(gone.headers["location"]).text
    assert [s["id"] for s in client.get("/api/v1/measures").json()["scores"]] == [first]
    assert client.post(f"/measures/{wrong}/delete").status_code == 404
    assert client.delete(f"/api/v1/measures/{first}").status_code == 204
    assert client.delete(f"/api/v1/measures/{first}").status_code == 404
    assert client.get("/api/v1/measures").json()["scores"] == []
    bad = client.delete("/api/v1/measures/0")
    assert bad.status_code == 422
    assert bad.json()["error"]["problems"][0]["field"] == "score_id"


def test_api_saves_and_lists_measures(client: TestClient) -> None:
    response = client.post(
        "/api/v1/measures",
        json={
            "instrument": "startback",
            "date": "2024-05-01",
            "answers": {**{f"item{i}": 1 for i in range(1, 9)}, "item9": "extremely"},
        },
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["total"] == 9 and body["band"] == "high" and body["shown"] == "9/9"
    assert body["detail"]["psychosocial"] == 5
    rmdq = {"instrument": "rmdq", "answers": {"ticked": [1, 24]}}
    assert client.post("/api/v1/measures", json=rmdq).json()["total"] == 2
    odi = {"instrument": "oswestry", "answers": {"section1": 5, "section2": None}}
    assert client.post("/api/v1/measures", json=odi).json()["shown"] == "100%"
    listed = client.get("/api/v1/measures").json()
    assert [s["instrument"] for s in listed["scores"]] == ["oswestry", "rmdq", "startback"]


@pytest.mark.parametrize(
    ("body", "field", "value"),
    [
        ({"instrument": "pain", "answers": {"pain": 11}}, "answers.pain", "11"),
        ({"instrument": "pain", "answers": {"pain": True}}, "answers.pain", "True"),
        ({"instrument": "pain", "answers": {}}, "answers.pain", None),
        (
            {"instrument": "pain", "answers": {"pain": 1}, "date": "2024-13-01"},
            "date",
            "2024-13-01",
        ),
        ({"instrument": "rmdq", "answers": {"ticked": [0]}}, "answers.ticked", "0"),
        ({"instrument": "oswestry", "answers": {"section3": "x5"}}, "answers.section3", "x5"),
        ({"instrument": "startback", "answers": {"item9": "slightly"}}, "answers.item1", None),
        ({"instrument": "sf36", "answers": {}}, "instrument", '"sf36"'),
        ({"instrument": "pain"}, "answers", None),
        ({"instrument": "pain", "answers": {"pain": 1}, "extra": 1}, "extra", None),
    ],
)
def test_api_measure_errors_name_field_value_and_allowed(
    client: TestClient, body: dict[str, object], field: str, value: str | None
) -> None:
    response = client.post("/api/v1/measures", json=body)
    assert response.status_code == 422, response.text
    problems = response.json()["error"]["problems"]
    problem = next(p for p in problems if p["field"] == field)
    assert problem["value"] == value
    assert problem["allowed"]
    assert client.get("/api/v1/measures").json()["scores"] == []
