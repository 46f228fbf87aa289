"""HTML pages: the wizard, the result page, history, diary, training and knowledge pages."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from backstride.errors import UserError
from backstride.interview import steps
from backstride.web import context as ctx
from backstride.web.bodymap import missing_geometry, views
from backstride.web.settings import WebSettings, build_settings, is_loopback
from tests.web.activity_files import CORRUPT_FIT, days_ago, gpx_run

PAGES = [
    "/",
    "/assess",
    "/assessments",
    "/diary",
    "/training",
    "/knowledge",
    "/knowledge/conditions",
    "/knowledge/conditions/spondylolysis",
    "/knowledge/treatments",
    "/knowledge/technique",
    "/knowledge/sources",
    "/knowledge/safety",
    "/docs",
]


def h1(html: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.DOTALL)
    return match.group(1).strip() if match else ""


def hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', html)
    assert match, name
    return match.group(1).replace("&#34;", '"').replace("&quot;", '"').replace("&amp;", "&")


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders(client: TestClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 200
    assert h1(page.text)
    assert "Traceback" not in page.text


def test_every_post_form_carries_a_csrf_field(client: TestClient) -> None:
    for path in ("/assess", "/diary", "/training"):
        html = client.get(path).text
        forms = re.findall(r"<form[^>]*method=\"post\".*?</form>", html, re.DOTALL)
        assert forms, path
        assert all('name="csrf_token"' in form for form in forms), path


def test_pages_load_nothing_from_the_internet(client: TestClient) -> None:
    for path in PAGES:
        html = client.get(path).text
        assert not re.search(r'(src|href)="https?://', html), path


def test_unknown_page_is_a_friendly_404(client: TestClient) -> None:
    page = client.get("/no/such/page")
    assert page.status_code == 404
    assert h1(page.text) == "Not found"


def test_unknown_condition_is_404(client: TestClient) -> None:
    assert client.get("/knowledge/conditions/nope").status_code == 404


def test_the_safety_page_shows_the_shipped_figures_and_says_when_they_are_stale(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    figures = ctx.safety_figures()
    total = figures["all"]
    html = client.get("/knowledge/safety").text
    words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    caught = f"{total['emergencies_caught']} of {total['emergencies']}"
    assert f"Emergencies {caught}" in words
    assert f"All sets {total['vignettes']} " in words
    assert "may no longer be exact" not in html
    assert "How well it triages" in client.get("/knowledge").text
    older = {**figures, "kb_version": "0.old"}
    monkeypatch.setattr(ctx, "safety_figures", lambda: older)
    assert "measured on knowledge base 0.old" in client.get("/knowledge/safety").text


def test_an_unexpected_error_shows_a_plain_page_and_no_traceback(
    app: FastAPI, caplog: pytest.LogCaptureFixture
) -> None:
    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret personal detail")

    @app.get("/api/v1/boom")
    def api_boom() -> None:
        raise RuntimeError("secret personal detail")

    with TestClient(app, raise_server_exceptions=False) as client:
        page = client.get("/boom")
        api = client.get("/api/v1/boom")
    assert page.status_code == 500
    assert "Something went wrong" in page.text
    assert "secret" not in page.text and "Traceback" not in page.text
    assert api.status_code == 500
    assert api.json()["error"]["message"]
    assert "secret" not in caplog.text
    assert "RuntimeError" in caplog.text


# --- the wizard -------------------------------------------------------------------------------


def post_step(client: TestClient, html: str, fields: dict[str, Any], nav: str = "next") -> Any:
    data: dict[str, Any] = {
        "step_index": hidden(html, "step_index"),
        "answers": hidden(html, "answers"),
        "csrf_token": "",
        "nav": nav,
    }
    for qid in re.findall(r'name="([^"]+)\.present"', html):
        data[f"{qid}.present"] = "1"
    data.update(fields)
    return client.post("/assess", data=data, follow_redirects=False)


def test_wizard_starts_with_progress_and_no_back_button(client: TestClient) -> None:
    html = client.get("/assess").text
    assert h1(html) == steps()[0].title
    assert "Step 1 of" in html
    assert 'value="back"' not in html


def test_a_wrong_value_is_shown_beside_the_field_and_other_answers_are_kept(
    client: TestClient,
) -> None:
    html = client.get("/assess").text
    page = post_step(client, html, {"age": "three", "sex": "female", "height_cm": "170"})
    assert page.status_code == 422
    assert h1(page.text) == steps()[0].title
    field = re.search(r'<fieldset[^>]*id="q-age".*?</fieldset>', page.text, re.DOTALL)
    assert field and "is not allowed" in field.group(0) and "three" in field.group(0)
    assert 'value="female" checked' in page.text
    assert 'value="170"' in page.text


def test_back_keeps_the_answers(client: TestClient) -> None:
    first = client.get("/assess").text
    second = post_step(client, first, {"age": "35", "sex": "male"})
    assert h1(second.text) == "Where it hurts"
    marked = post_step(
        client, second.text, {"pain.regions.lower_back": "central", "pain.regions.buttock": "left"}
    )
    assert h1(marked.text) == "Safety check"
    back = post_step(client, marked.text, {}, nav="back")
    assert h1(back.text) == "Where it hurts"
    assert re.search(r'id="bm-lower_back-central"[^>]*aria-checked="true"', back.text)
    assert re.search(r'id="bm-buttock-left"[^>]*aria-checked="true"', back.text)
    again = post_step(client, back.text, {}, nav="back")
    assert 'value="35"' in again.text
    assert 'value="male" checked' in again.text


def test_red_flag_questions_need_an_answer(client: TestClient) -> None:
    html = client.get("/assess").text
    html = post_step(client, html, {"age": "30"}).text
    html = post_step(client, html, {"pain.regions.lower_back": "central"}).text
    page = post_step(client, html, {})
    assert page.status_code == 422
    assert 'role="alert"' in page.text


def test_a_tampered_answers_field_is_ignored(client: TestClient) -> None:
    page = client.post(
        "/assess",
        data={"step_index": "99", "answers": '{"age": 5, "bogus": "x"', "nav": "next"},
    )
    assert page.status_code in (200, 422)
    assert "Traceback" not in page.text


def walk_wizard(client: TestClient, answers: dict[str, Any], default_flag: str = "no") -> Any:
    """Answer every step: the given answers, 'no' to unanswered red-flag questions."""
    html = client.get("/assess").text
    for _ in range(len(steps()) + 2):
        qids = re.findall(r'name="([^"]+)\.present"', html)
        fields = {k: v for k, v in answers.items() if k.split(".pain")[0] in qids or k in qids}
        fields.update({k: v for k, v in answers.items() if k.startswith("pain.regions.")})
        for qid in qids:
            if qid not in fields and 'class="question red-flag"' in _fieldset(html, qid):
                fields[qid] = default_flag
        response = post_step(client, html, fields)
        if response.status_code == 303:
            return client.get(response.headers["location"])
        assert response.status_code == 200, response.text[:2000]
        html = response.text
    raise AssertionError("the wizard did not finish")


def _fieldset(html: str, qid: str) -> str:
    match = re.search(
        rf'<fieldset class="[^"]*"[^>]*id="q-{re.escape(qid.replace(".", "-"))}"', html
    )
    return match.group(0) if match else ""


def test_completed_wizard_saves_and_shows_the_self_care_result(client: TestClient) -> None:
    page = walk_wizard(
        client,
        {
            "age": "29",
            "sex": "female",
            "pain.regions.lower_back": "central",
            "pain.character": ["aching"],
            "pain.onset": "gradual",
            "pain.duration_days": "5",
        },
    )
    assert page.status_code == 200
    assert 'class="banner level-self_care"' in page.text
    assert "Likely causes" in page.text and "<details" in page.text
    saved = client.get("/api/v1/assessments").json()
    assert len(saved) == 1 and saved[0]["level"] == "self_care"
    case = client.get(f"/api/v1/assessments/{saved[0]['id']}").json()["case"]
    assert case["pain"]["regions"] == [{"region": "lower_back", "side": "central"}]


def test_saddle_numbness_in_the_wizard_gives_the_emergency_banner(client: TestClient) -> None:
    page = walk_wizard(
        client,
        {
            "age": "41",
            "pain.regions.lower_back": "central",
            "pain.regions.thigh_back": "both",
            "neuro.saddle_numbness": "yes",
            "neuro.urinary_retention": "yes",
        },
    )
    assert re.search(r'class="banner level-emergency(_ambulance)?"', page.text)
    assert "Warning signs found" in page.text


# --- result page ------------------------------------------------------------------------------


def test_result_page_has_every_section_in_order(client: TestClient, self_care_case: str) -> None:
    saved = client.post("/api/v1/assessments", content=self_care_case).json()
    html = client.get(f"/assessments/{saved['id']}").text
    order = [
        'class="banner',
        ">Why<",
        "Warning signs checked",
        "Likely causes",
        "What may be adding to it",
        "What to do",
        "What to avoid",
        ">Running<",
        "When to check again",
        ">Sources<",
        'class="disclaimer"',
    ]
    positions = [html.find(marker) for marker in order]
    assert -1 not in positions, [m for m, p in zip(order, positions, strict=True) if p == -1]
    assert positions == sorted(positions)
    assert "@media print" in client.get("/static/app.css").text


def test_result_page_says_what_an_unanswered_warning_question_could_mean(
    client: TestClient,
) -> None:
    """Pain in both thighs with nothing said of the bladder: the saddle and bladder questions
    come first, each with the level its worrying answer could lead to."""
    case = {
        "age": 40,
        "pain": {
            "regions": [{"region": "thigh_back", "side": "both"}],
            "character": ["shooting"],
            "duration_days": 3,
        },
    }
    saved = client.post("/api/v1/assessments", json=case).json()
    questions = saved["result"]["missing_questions"]
    assert questions[0]["could_raise_to"] == "emergency"
    html = client.get(f"/assessments/{saved['id']}").text
    section = html[html.index("Questions that could change this answer") :]
    assert "Could mean: go to an emergency department now." in section


def test_history_lists_saved_assessments(client: TestClient, cauda_equina_case: str) -> None:
    saved = client.post("/api/v1/assessments", content=cauda_equina_case).json()
    html = client.get("/assessments").text
    assert f"/assessments/{saved['id']}" in html


def test_missing_result_page_is_404(client: TestClient) -> None:
    assert client.get("/assessments/42").status_code == 404


# --- diary ------------------------------------------------------------------------------------


def test_diary_form_adds_and_edits_an_entry(client: TestClient) -> None:
    added = client.post(
        "/diary",
        data={"day": "2024-05-01", "pain_morning": "4", "regions": ["lower_back", "buttock"]},
        follow_redirects=True,
    )
    assert added.status_code == 200
    assert "Saved the entry for 2024-05-01" in added.text
    edit = client.get("/diary/2024-05-01/edit")
    assert 'value="4"' in edit.text
    client.post("/diary", data={"day": "2024-05-01", "pain_morning": "2"})
    assert client.get("/api/v1/diary/2024-05-01").json()["pain_morning"] == 2


def test_diary_page_shows_the_pain_calendar_with_runs(client: TestClient) -> None:
    today = date.today()
    client.post("/diary", data={"day": today.isoformat(), "pain_morning": "2", "pain_after": "5"})
    run = {"files": ("run.gpx", gpx_run(days_ago(0)), "application/gpx+xml")}
    assert client.post("/api/v1/activities", files=run).status_code == 200
    page = client.get("/diary").text
    assert 'aria-labelledby="calendar-title"' in page
    assert page.count('class="pain-cell ') >= 7 * 12 - 6  # twelve weeks, less the days to come
    said = rf"{today.isoformat()}: pain 5 of 10, ran 5\.0 km"
    cell = re.search(rf'<td class="pain-cell p2 ran" title="{said}">(.*?)</td>', page)
    assert cell, "today's cell"
    assert f'href="/diary/{today.isoformat()}/edit"' in cell.group(1)
    assert "no entry" in page  # the other days


def test_diary_form_error_is_beside_the_field_with_the_rest_kept(client: TestClient) -> None:
    page = client.post(
        "/diary",
        data={"day": "2024-05-01", "pain_morning": "14", "pain_after": "3", "notes": "hills"},
    )
    assert page.status_code == 422
    assert re.search(r'id="d-pain_morning-err">[^<]*14 is not allowed', page.text)
    assert 'value="3"' in page.text and "hills" in page.text
    assert client.get("/api/v1/diary").json() == []


def test_diary_form_with_a_bad_date(client: TestClient) -> None:
    page = client.post("/diary", data={"day": "someday", "pain_morning": "1"})
    assert page.status_code == 422
    assert 'id="d-day-err"' in page.text


# --- training ---------------------------------------------------------------------------------


def test_upload_form_reports_the_corrupt_file_and_imports_the_rest(client: TestClient) -> None:
    files = [
        ("files", ("good.gpx", gpx_run(days_ago(2)), "application/gpx+xml")),
        ("files", ("bad.fit", CORRUPT_FIT, "application/octet-stream")),
    ]
    partial = client.post("/training/upload", files=files, headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert "Imported 1 file" in partial.text
    assert "bad.fit" in partial.text
    dashboard = client.get("/training")
    assert "Recent activities" in dashboard.text
    chart = client.get("/training/chart.svg")
    assert chart.headers["content-type"].startswith("image/svg+xml")
    assert b"<svg" in chart.content[:400]


def test_upload_form_without_files_says_so(client: TestClient) -> None:
    page = client.post("/training/upload", data={"csrf_token": ""})
    assert page.status_code == 422
    assert "nothing was uploaded" in page.text


def test_training_page_with_a_bad_date_is_a_friendly_422(client: TestClient) -> None:
    page = client.get("/training?as_of=tomorrowish")
    assert page.status_code == 422
    assert "as_of" in page.text


# --- settings and the body map ----------------------------------------------------------------


def test_local_mode_listens_on_loopback_only() -> None:
    assert build_settings().host == "127.0.0.1"
    assert is_loopback("::1") and is_loopback("localhost") and not is_loopback("192.168.1.2")
    with pytest.raises(UserError, match="loopback"):
        build_settings(host="0.0.0.0")
    with pytest.raises(UserError, match="port"):
        build_settings(port=70000)
    with pytest.raises(UserError, match="unknown field"):
        build_settings(colour="blue")


def test_settings_round_trip_through_the_environment() -> None:
    settings = WebSettings(port=9000, workers=2, database_url="sqlite:///x.db")
    assert WebSettings.model_validate(json.loads(settings.to_env())) == settings


def test_every_body_map_region_is_drawn_with_a_label() -> None:
    assert missing_geometry() == []
    for view in views():
        for shape in view.shapes:
            assert shape.label and shape.width > 0 and shape.height > 0
