"""End to end in real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

A runner completes the wizard by clicking the body map: a self-care case gets the home-care
banner, a cauda-equina case the emergency banner. Screenshots go to BACKSTRIDE_SCREENSHOTS
when it is set (scripts/screenshots sets it to docs/screenshots), else to a temporary folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from backstride.web.app import create_app
from backstride.web.settings import WebSettings
from tests.web.live import chromium, free_port, needs_chromium, serving

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("e2e")
    port = free_port()
    settings = WebSettings(database_url=f"sqlite:///{folder / 'e2e.db'}", port=port)
    with serving(create_app(settings), port) as url:
        assert url == settings.url
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = os.environ.get("BACKSTRIDE_SCREENSHOTS")
    folder = Path(target) if target else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def answer_step(page: Any, answers: dict[str, str | list[str]]) -> None:
    """Fill what this step asks of `answers`; every unanswered safety question gets 'No'."""
    for name, value in answers.items():
        for item in [value] if isinstance(value, str) else value:
            box = page.locator(f'input[name="{name}"][value="{item}"]')
            if box.count():
                box.first.check()
            field = page.locator(f'input[type="text"][name="{name}"]')
            if field.count() and isinstance(value, str):
                field.fill(value)
    for fieldset in page.locator("fieldset.red-flag").all():
        if not fieldset.locator("input:checked").count():
            fieldset.locator('input[value="no"]').check()


def run_wizard(
    page: Any,
    base: str,
    answers: dict[str, str | list[str]],
    marks: list[str],
    shots: Path | None = None,
) -> None:
    page.goto(base + "assess")
    answer_step(page, answers)
    if shots is not None:
        page.screenshot(path=str(shots / "wizard.png"), full_page=True)
    page.get_by_role("button", name="Next").click()
    page.wait_for_selector(".bodymap")
    for mark in marks:
        page.click(f"#{mark}")
        assert page.get_attribute(f"#{mark}", "aria-checked") == "true"
    if shots is not None:
        page.screenshot(path=str(shots / "body-map.png"), full_page=True)
    for _ in range(20):
        if "/assessments/" in page.url:
            return
        if page.locator(".bodymap").count() == 0:
            answer_step(page, answers)
        page.locator('button[value="next"]').click()
        page.wait_for_load_state("domcontentloaded")
    raise AssertionError("the wizard did not reach a result")


def test_self_care_runner_clicks_the_body_map_and_gets_the_home_care_banner(
    server: str, browser: Any, shots: Path
) -> None:
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    run_wizard(
        page,
        server,
        {
            "age": "29",
            "sex": "female",
            "pain.character": ["aching"],
            "pain.onset": "gradual",
            "pain.duration_days": "5",
            "pain.intensity_worst": "4",
        },
        ["bm-lower_back-central"],
        shots,
    )
    banner = page.locator(".banner")
    assert "level-self_care" in (banner.get_attribute("class") or "")
    assert banner.is_visible()
    assert page.locator("h1").first.inner_text() == "Self-care"
    page.screenshot(path=str(shots / "result-self-care.png"), full_page=True)
    phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    phone.goto(page.url)
    phone.screenshot(path=str(shots / "result-self-care-phone.png"))
    page.close()
    phone.close()


def test_cauda_equina_case_gets_the_emergency_banner(
    server: str, browser: Any, shots: Path
) -> None:
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    run_wizard(
        page,
        server,
        {
            "age": "41",
            "sex": "male",
            "neuro.saddle_numbness": "yes",
            "neuro.urinary_retention": "yes",
            "pain.character": ["shooting"],
            "pain.onset": "sudden",
        },
        ["bm-lower_back-central", "bm-thigh_back-left", "bm-thigh_back-right"],
    )
    classes = page.locator(".banner").get_attribute("class") or ""
    assert "level-emergency" in classes
    assert page.get_by_text("Warning signs found").is_visible()
    page.screenshot(path=str(shots / "result-emergency.png"), full_page=True)
    page.close()


def test_body_map_works_with_the_keyboard_and_a_finger(
    server: str, browser: Any, shots: Path
) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, device_scale_factor=2
    )
    page = context.new_page()
    page.goto(server + "assess")
    page.get_by_role("button", name="Next").click()
    page.wait_for_selector(".bodymap")
    page.focus("#bm-neck-central")
    page.keyboard.press("Enter")
    assert page.get_attribute("#bm-neck-central", "aria-checked") == "true"
    assert page.is_checked('input[name="pain.regions.neck"][value="central"]')
    page.tap("#bm-buttock-left")
    page.tap("#bm-buttock-right")
    assert page.is_checked('input[name="pain.regions.buttock"][value="both"]')
    page.check('input[name="pain.regions.foot"][value="right"]')
    assert page.get_attribute("#bm-foot-right", "aria-checked") == "true"
    assert "Buttock" in page.locator(".bm-summary").inner_text()
    page.screenshot(path=str(shots / "body-map-phone.png"))
    context.close()


def test_make_my_plan_from_a_result_and_enter_a_pain_score(
    server: str, browser: Any, shots: Path
) -> None:
    import json
    import urllib.request

    case = (Path(__file__).resolve().parents[2] / "examples" / "self-care.json").read_bytes()
    request = urllib.request.Request(
        server + "api/v1/assessments", data=case, headers={"content-type": "application/json"}
    )
    with urllib.request.urlopen(request) as answer:
        saved = json.load(answer)["id"]
    page = browser.new_page(viewport={"width": 1200, "height": 1500})
    page.goto(f"{server}assessments/{saved}")
    page.get_by_role("link", name="Make my plan").click()
    page.wait_for_selector("h1:has-text('My plan')")
    drawing = page.locator("img.exercise-img").first
    drawing.scroll_into_view_if_needed()
    assert page.evaluate("(img) => img.naturalWidth", drawing.element_handle()) > 0
    assert page.locator("text=Return to running").count() >= 1
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shots / "plan.png"))
    page.get_by_role("link", name="Measures").click()
    page.fill("#pain-pain", "4")
    page.get_by_role("button", name="Save the pain score").click()
    page.wait_for_selector("p.ok")
    assert "4/10" in page.locator("table").last.inner_text()
    page.close()


def test_the_pain_calendar_opens_on_the_latest_weeks_on_a_phone(
    server: str, browser: Any, shots: Path
) -> None:
    from datetime import date, timedelta

    import httpx

    from tests.web.activity_files import days_ago, gpx_run

    today = date.today()
    with httpx.Client(base_url=server) as api:
        for back, pain in ((0, 7), (1, 3), (2, 0), (9, 5), (40, 2), (75, 6)):
            day = (today - timedelta(days=back)).isoformat()
            assert api.post("/api/v1/diary", json={"day": day, "pain_after": pain}).is_success
        for back in (1, 9, 40):
            run = {"files": (f"run{back}.gpx", gpx_run(days_ago(back)), "application/gpx+xml")}
            assert api.post("/api/v1/activities", files=run).is_success
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page.goto(server + "diary")
    calendar = page.locator(".calendar-scroll")
    calendar.scroll_into_view_if_needed()
    latest = page.locator(f'td.pain-cell[title^="{today.isoformat()}:"]')
    assert "p3" in (latest.get_attribute("class") or "")
    box, frame = latest.bounding_box(), calendar.bounding_box()
    assert box is not None and frame is not None
    assert frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"]
    assert calendar.evaluate("el => el.scrollWidth > el.clientWidth")  # older weeks to the left
    calendar.screenshot(path=str(shots / "pain-calendar-phone.png"))
    page.close()
