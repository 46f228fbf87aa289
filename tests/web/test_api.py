"""The JSON API: every endpoint, and every way it refuses input."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.activity_files import CORRUPT_FIT, days_ago, gpx_run, gz


def problems(response: Any) -> list[dict[str, Any]]:
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"message", "problems"}
    return list(body["error"]["problems"])


# --- service ----------------------------------------------------------------------------------


def test_health_answers_ok(client: TestClient) -> None:
    assert client.get("/api/v1/health").json() == {"status": "ok"}


def test_openapi_describes_every_api_route_with_the_case_schema(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    assert {
        "/api/v1/health",
        "/api/v1/assessments",
        "/api/v1/assessments/{assessment_id}",
        "/api/v1/diary",
        "/api/v1/diary/{day}",
        "/api/v1/activities",
        "/api/v1/load",
    } <= set(paths)
    body = paths["/api/v1/assessments"]["post"]["requestBody"]["content"]["application/json"]
    assert body["schema"] == {"$ref": "#/components/schemas/Case"}
    assert {"Case", "Result", "ErrorOut"} <= set(schema["components"]["schemas"])
    assert not [p for p in paths if not p.startswith("/api/v1/")]


def test_docs_page_lists_the_endpoints_without_fetching_anything(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert "/api/v1/assessments" in page.text
    assert "http://" not in page.text.replace("http://testserver", "")
    assert "https://" not in page.text


# --- assessments ------------------------------------------------------------------------------


def test_create_assessment_saves_case_result_and_kb_version(
    client: TestClient, self_care_case: str
) -> None:
    created = client.post("/api/v1/assessments", content=self_care_case)
    assert created.status_code == 201
    body = created.json()
    assert body["result"]["triage"]["level"] == "self_care"
    assert body["result"]["schema_version"] == "1"
    assert body["kb_version"] == body["result"]["kb_version"]
    assert body["case"]["age"] == 29
    again = client.get(f"/api/v1/assessments/{body['id']}")
    assert again.status_code == 200
    assert again.json() == body


def test_emergency_case_is_assessed_as_emergency(
    client: TestClient, cauda_equina_case: str
) -> None:
    body = client.post("/api/v1/assessments", content=cauda_equina_case).json()
    assert body["result"]["triage"]["level"] in ("emergency", "emergency_ambulance")
    assert body["result"]["red_flags"]


def test_list_assessments_newest_first(
    client: TestClient, self_care_case: str, cauda_equina_case: str
) -> None:
    assert client.get("/api/v1/assessments").json() == []
    first = client.post("/api/v1/assessments", content=self_care_case).json()
    second = client.post("/api/v1/assessments", content=cauda_equina_case).json()
    listed = client.get("/api/v1/assessments").json()
    assert [a["id"] for a in listed] == [second["id"], first["id"]]
    assert listed[1]["level"] == "self_care"
    assert listed[1]["top_condition"]


def test_assessment_with_history_fills_running_fields(client: TestClient) -> None:
    files = [
        ("files", (f"run{i}.gpx", gpx_run(days_ago(2 + 2 * i), km=8.0), "application/gpx+xml"))
        for i in range(6)
    ]
    assert client.post("/api/v1/activities", files=files).json()["activities"] == 6
    case = {"age": 35, "pain": {"regions": [{"region": "lower_back", "side": "central"}]}}
    body = client.post(
        "/api/v1/assessments?history=true&as_of=" + date.today().isoformat(), json=case
    ).json()
    fields = body["result"]["training_history"]["fields"]
    assert "running.weekly_km" in fields


@pytest.mark.parametrize(
    ("payload", "field", "value"),
    [
        ('{"age": -3}', "age", "-3"),
        ('{"sex": "robot"}', "sex", "robot"),
        (
            '{"pain": {"regions": [{"region": "knee", "side": "left"}]}}',
            "pain.regions[0].region",
            "knee",
        ),
        ('{"pain": {"intensity_now": 11}}', "pain.intensity_now", "11"),
        ('{"neuro": {"saddle_numbness": "maybe"}}', "neuro.saddle_numbness", "maybe"),
    ],
)
def test_invalid_case_is_422_naming_field_value_and_allowed(
    client: TestClient, payload: str, field: str, value: str
) -> None:
    response = client.post("/api/v1/assessments", content=payload)
    assert response.status_code == 422
    found = problems(response)
    assert found[0]["field"] == field
    assert found[0]["value"] == value
    assert found[0]["allowed"]
    assert client.get("/api/v1/assessments").json() == []


def test_unknown_case_field_is_refused_with_the_known_ones(client: TestClient) -> None:
    response = client.post("/api/v1/assessments", json={"pain": {"colour": "red"}})
    assert response.status_code == 422
    problem = problems(response)[0]
    assert problem["field"] == "pain.colour"
    assert "regions" in problem["allowed"]


def test_every_problem_is_reported_at_once(client: TestClient) -> None:
    response = client.post("/api/v1/assessments", json={"age": 3, "sex": "x", "height_cm": "tall"})
    assert {p["field"] for p in problems(response)} == {"age", "sex", "height_cm"}


@pytest.mark.parametrize("payload", ['{"age": ', "[1, 2]", "null", "", '"text"', "\xff\xfe"])
def test_malformed_json_body_is_422(client: TestClient, payload: str) -> None:
    response = client.post("/api/v1/assessments", content=payload.encode("latin-1"))
    assert response.status_code == 422
    assert problems(response)[0]["field"] == "case"


def test_bad_history_date_is_422(client: TestClient, self_care_case: str) -> None:
    response = client.post("/api/v1/assessments?as_of=yesterday", content=self_care_case)
    assert response.status_code == 422
    assert problems(response)[0]["field"] == "as_of"


def test_missing_assessment_is_404(client: TestClient) -> None:
    response = client.get("/api/v1/assessments/999")
    assert response.status_code == 404
    assert "999" in response.json()["error"]["message"]


def test_non_numeric_assessment_id_is_422(client: TestClient) -> None:
    response = client.get("/api/v1/assessments/abc")
    assert response.status_code == 422
    assert problems(response)[0] == {
        "field": "assessment_id",
        "value": '"abc"',
        "allowed": "a valid integer, unable to parse string as an integer",
        "message": 'assessment_id: "abc" is not allowed; a valid integer, unable to parse string '
        "as an integer",
    }


# --- diary ------------------------------------------------------------------------------------


def test_diary_add_read_replace_and_list(client: TestClient) -> None:
    entry = {"day": "2024-06-01", "pain_morning": 3, "regions": ["lower_back"], "notes": "stiff"}
    created = client.post("/api/v1/diary", json=entry)
    assert created.status_code == 201
    assert created.json()["pain_morning"] == 3
    assert client.get("/api/v1/diary/2024-06-01").json()["notes"] == "stiff"
    replaced = client.put("/api/v1/diary/2024-06-01", json={"pain_morning": 1, "pain_after": 2})
    assert replaced.status_code == 200
    assert replaced.json()["pain_after"] == 2
    assert replaced.json()["regions"] == []
    client.post("/api/v1/diary", json={"day": "2024-06-03", "pain_during": 5})
    listed = client.get("/api/v1/diary").json()
    assert [e["day"] for e in listed] == ["2024-06-01", "2024-06-03"]
    assert [e["day"] for e in client.get("/api/v1/diary?since=2024-06-02").json()] == ["2024-06-03"]
    assert [e["day"] for e in client.get("/api/v1/diary?until=2024-06-02").json()] == ["2024-06-01"]


def test_diary_links_the_days_runs(client: TestClient) -> None:
    start = days_ago(1)
    client.post("/api/v1/activities", files=[("files", ("r.gpx", gpx_run(start, km=6.0)))])
    client.post("/api/v1/diary", json={"day": start.date().isoformat(), "pain_after": 2})
    km = client.get(f"/api/v1/diary/{start.date().isoformat()}").json()["run_km"]
    assert len(km) == 1 and 5.5 < km[0] < 6.5


@pytest.mark.parametrize(
    ("entry", "field"),
    [
        ({"day": "2024-06-01", "pain_morning": 11}, "pain_morning"),
        ({"day": "2024-06-01", "pain_after": -1}, "pain_after"),
        ({"day": "2024-06-01", "regions": ["knee"]}, "regions.0"),
        ({"day": "2024-06-31"}, "day"),
        ({"day": "2024-06-01", "morning_stiffness_minutes": 5000}, "morning_stiffness_minutes"),
        ({"day": "2024-06-01", "notes": "x" * 2001}, "notes"),
        ({"day": "2024-06-01", "mood": "fine"}, "mood"),
        ({"pain_morning": 1}, "day"),
    ],
)
def test_invalid_diary_entry_is_422(client: TestClient, entry: dict[str, Any], field: str) -> None:
    response = client.post("/api/v1/diary", json=entry)
    assert response.status_code == 422
    assert problems(response)[0]["field"] == field
    assert client.get("/api/v1/diary").json() == []


def test_diary_put_with_bad_date_in_path_is_422(client: TestClient) -> None:
    response = client.put("/api/v1/diary/June-1st", json={"pain_morning": 1})
    assert response.status_code == 422
    assert problems(response)[0]["field"] == "day"


def test_diary_bad_query_is_422(client: TestClient) -> None:
    assert client.get("/api/v1/diary?since=soon").status_code == 422


def test_missing_diary_day_is_404(client: TestClient) -> None:
    assert client.get("/api/v1/diary/2024-01-01").status_code == 404


def test_diary_body_that_is_not_json_is_422(client: TestClient) -> None:
    response = client.post(
        "/api/v1/diary", content=b"{nope", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422


# --- activities and load ----------------------------------------------------------------------


def test_upload_imports_good_files_and_reports_the_corrupt_one(client: TestClient) -> None:
    files = [
        ("files", ("morning.gpx", gpx_run(days_ago(3)), "application/gpx+xml")),
        ("files", ("evening.gpx.gz", gz(gpx_run(days_ago(1))), "application/gzip")),
        ("files", ("broken.fit", CORRUPT_FIT, "application/octet-stream")),
    ]
    response = client.post("/api/v1/activities", files=files)
    assert response.status_code == 200
    report = response.json()
    assert report["imported"] == 2
    assert report["activities"] == 2
    assert len(report["skipped"]) == 1
    assert report["skipped"][0].startswith("broken.fit:")
    listed = client.get("/api/v1/activities").json()
    assert len(listed) == 2
    assert listed[0]["start_time"] > listed[1]["start_time"]
    assert client.get("/api/v1/activities?limit=1").json() == listed[:1]


def test_upload_of_a_strava_style_archive(client: TestClient) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("activities/1.gpx", gpx_run(days_ago(5)))
        archive.writestr("activities/2.gpx.gz", gz(gpx_run(days_ago(4))))
    report = client.post(
        "/api/v1/activities", files=[("files", ("export.zip", buffer.getvalue()))]
    ).json()
    assert report["activities"] == 2


def test_uploading_the_same_file_twice_imports_it_once(client: TestClient) -> None:
    data = gpx_run(days_ago(2))
    client.post("/api/v1/activities", files=[("files", ("a.gpx", data))])
    again = client.post("/api/v1/activities", files=[("files", ("a.gpx", data))]).json()
    assert again["imported"] == 0
    assert again["already_imported"] == 1


def test_a_file_uploaded_after_its_garmin_summary_replaces_it(client: TestClient) -> None:
    start = days_ago(3)
    summary = {
        "activityId": 7,
        "activityType": "running",
        "startTimeGmt": int(start.timestamp() * 1000),
        "duration": 1_800_000.0,
        "distance": 500_000.0,
    }
    listing = json.dumps([{"summarizedActivitiesExport": [summary]}]).encode()
    name = "me_0_summarizedActivities.json"
    first = client.post("/api/v1/activities", files=[("files", (name, listing))]).json()
    assert (first["activities"], first["replaced_summaries"]) == (1, 0)
    gpx = gpx_run(start)
    report = client.post("/api/v1/activities", files=[("files", ("run.gpx", gpx))]).json()
    assert (report["activities"], report["replaced_summaries"]) == (1, 1)
    assert len(client.get("/api/v1/activities").json()) == 1


def test_assessments_are_listed_newest_first_and_paged(
    client: TestClient, self_care_case: str
) -> None:
    headers = {"content-type": "application/json"}
    saved = [
        client.post("/api/v1/assessments", content=self_care_case, headers=headers)
        for _ in range(3)
    ]
    ids = [response.json()["id"] for response in saved]
    listed = client.get("/api/v1/assessments").json()
    assert [a["id"] for a in listed] == ids[::-1]
    assert listed[0]["level"] == "self_care" and listed[0]["action"]
    assert [a["id"] for a in client.get("/api/v1/assessments?limit=2&offset=1").json()] == [
        ids[1],
        ids[0],
    ]
    bad = client.get("/api/v1/assessments?limit=0")
    assert bad.status_code == 422
    assert bad.json()["error"]["problems"][0]["field"] == "limit"


def test_upload_without_files_is_422(client: TestClient) -> None:
    response = client.post("/api/v1/activities", data={"x": "1"})
    assert response.status_code == 422
    assert problems(response)[0]["field"] == "files"


def test_upload_with_an_empty_file_name_is_422(client: TestClient) -> None:
    response = client.post("/api/v1/activities", files=[("files", ("", b"data"))])
    assert response.status_code == 422


def test_activity_limit_out_of_range_is_422(client: TestClient) -> None:
    for limit in ("0", "100000", "many"):
        response = client.get(f"/api/v1/activities?limit={limit}")
        assert response.status_code == 422
        assert problems(response)[0]["field"] == "limit"


def test_load_metrics_from_uploaded_runs(client: TestClient) -> None:
    files = [("files", (f"r{i}.gpx", gpx_run(days_ago(i * 2), km=5.0 + i))) for i in range(1, 10)]
    client.post("/api/v1/activities", files=files)
    client.post(
        "/api/v1/diary",
        json={"day": (date.today() - timedelta(days=2)).isoformat(), "pain_after": 3},
    )
    load = client.get("/api/v1/load?weeks=4").json()
    assert load["as_of"] == date.today().isoformat()
    assert len(load["weeks"]) <= 4
    assert load["km_7d"] > 0
    assert load["weekly_pain"][-1]["max_pain"] == 3
    assert load["acwr_band"] in (None, "below", "within", "above", "well_above")
    assert json.dumps(load)


def test_load_with_no_activities_is_empty_not_an_error(client: TestClient) -> None:
    load = client.get("/api/v1/load?as_of=2024-06-30").json()
    assert load["weeks"] == [] or all(w["run_km"] == 0 for w in load["weeks"])
    assert load["km_7d"] in (None, 0.0)


@pytest.mark.parametrize("query", ["weeks=0", "weeks=9999", "as_of=2024-13-01", "weeks=x"])
def test_bad_load_query_is_422(client: TestClient, query: str) -> None:
    response = client.get(f"/api/v1/load?{query}")
    assert response.status_code == 422
    assert problems(response)[0]["field"] in ("weeks", "as_of")


# --- errors -----------------------------------------------------------------------------------


def test_unknown_api_path_is_json_404(client: TestClient) -> None:
    response = client.get("/api/v1/nothing")
    assert response.status_code == 404
    assert response.json()["error"]["message"]


def test_wrong_method_is_json_405(client: TestClient) -> None:
    response = client.delete("/api/v1/assessments")
    assert response.status_code == 405
    assert response.json()["error"]["problems"] == []


def test_an_id_too_large_for_the_database_is_422_not_a_crash(client: TestClient) -> None:
    response = client.get(f"/api/v1/assessments/{2**70}")
    assert response.status_code == 422
    assert problems(response)[0]["field"] == "assessment_id"
