"""Accessibility: every page passes axe-core's checks (WCAG 2 A and AA rules and axe's best
practices) in Debian's headless Chromium, on a laptop screen and on a phone screen; no page is
wider than the screen (it would scroll sideways), and no table splits its words across lines
(squeezed to fit instead of scrolling).

The pages are found by following the links from the home page, in local mode (one saved check
for each triage level, a diary entry, a run, a pain score) and in clinic mode, signed in as an
admin looking at an athlete's data (reaching the account, user and athlete pages too) and as
the athlete (reaching the sharing page); the sign-in page is checked first. The wizard is
walked step by step, including a step re-shown with an error beside its field. axe-core comes
bundled in the axe-playwright-python package: nothing is fetched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from backstride.storage import accounts
from backstride.storage.db import open_database
from backstride.web.app import create_app
from backstride.web.settings import WebSettings
from tests.engine.cases import load_vignettes
from tests.web.activity_files import days_ago, gpx_run
from tests.web.live import chromium, free_port, needs_chromium, serving
from tests.web.test_clinic import PASSWORD, _seed_athlete

pytestmark = needs_chromium

VIEWPORTS = {"laptop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# Not pages (the API, files) or ending the session.
SKIPPED = ("/api/", "/openapi.json", "/static/", "/logout")
FILES = re.compile(r"\.(pdf|ics|json|png|svg|csv|zip|gpx|fit|tcx)$")
LEVELS = ("self_care", "consultation", "consultation_24", "emergency", "emergency_ambulance")
MOST_PAGES = 60
# Words in the app's tables that the browser split across two lines (a table squeezed to fit a
# phone instead of scrolling sideways); text hidden for screen readers only is left out.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll('.table th, .table td, .pain-calendar th')) {
    const texts = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      if (node.parentElement.getBoundingClientRect().width <= 1) continue;
      for (const word of node.data.matchAll(/[A-Za-z]{2,}/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        if (range.getClientRects().length > 1) broken.push(word[0]);
      }
    }
  }
  return broken;
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.fixture(params=list(VIEWPORTS))
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A page of its own (and its own cookies) on each screen size."""
    opened = browser.new_page(viewport=VIEWPORTS[request.param])
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def axe() -> Any:
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture(scope="module")
def local_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    """A local-mode server with data on every page; yields its URL and one result page for
    each triage level."""
    folder = tmp_path_factory.mktemp("a11y-local")
    port = free_port()
    app = create_app(WebSettings(database_url=f"sqlite:///{folder / 'local.db'}", port=port))
    with serving(app, port) as base, httpx.Client(base_url=base) as api:
        results = []
        for level in LEVELS:
            case = next(v["case"] for v in load_vignettes() if v["expected_triage"] == level)
            saved = api.post("/api/v1/assessments", json=case)
            assert saved.status_code == 201, saved.text
            assert saved.json()["result"]["triage"]["level"] == level
            results.append(f"assessments/{saved.json()['id']}")
        day = date.today().isoformat()
        diary = api.post("/api/v1/diary", json={"day": day, "pain_morning": 3, "notes": "stiff"})
        assert diary.status_code == 201, diary.text
        run = {"files": ("run.gpx", gpx_run(days_ago(1)), "application/gpx+xml")}
        assert api.post("/api/v1/activities", files=run).status_code == 200
        score = {"instrument": "pain", "answers": {"pain": 3}}
        assert api.post("/api/v1/measures", json=score).status_code == 201
        yield base, results


@pytest.fixture(scope="module")
def clinic_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """A clinic-mode server with an admin, a clinician and an athlete (Ana) who shared with
    them; yields its URL and Ana's athlete id."""
    url = f"sqlite:///{tmp_path_factory.mktemp('a11y-clinic') / 'clinic.db'}"
    db = open_database(url)
    with db.transaction() as session:
        accounts.create_user(session, "boss@example.org", PASSWORD, "admin")
        doc = accounts.create_user(session, "doc@example.org", PASSWORD, "clinician")
        ana = accounts.create_user(
            session, "ana@example.org", PASSWORD, "athlete", athlete_name="Ana"
        )
        assert ana.athlete is not None
        ana_id = ana.athlete.id
        accounts.grant_access(session, ana_id, doc)
        _seed_athlete(session, ana.athlete, date(2025, 3, 1), datetime(2025, 3, 1, 7, tzinfo=UTC))
    db.close()
    port = free_port()
    with serving(create_app(WebSettings(mode="clinic", database_url=url, port=port)), port) as base:
        yield base, ana_id


def violations(axe: Any, page: Any) -> list[str]:
    """One line per rule broken on the page: rule, impact, help and the first elements; and
    whether the page is wider than the screen (it would scroll sideways on a phone)."""
    found = axe.run(page).response["violations"]
    lines = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in found
    ]
    wider = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if wider > 0:
        lines.append(f"the page is {wider} px wider than the screen")
    if broken := page.evaluate(BROKEN_WORDS):
        lines.append(f"words split across lines in a table: {broken[:5]}")
    return lines


def report(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"{where}:\n  " + "\n  ".join(found) for where, found in problems.items())


def shape(path: str) -> str:
    """Pages that differ only by an id or a name are checked once."""
    path = re.sub(r"/[^/]*\d[^/]*", "/N", path)
    return re.sub(r"^(/knowledge/[a-z_-]+)/[^/]+$", r"\1/*", path)


def wanted(base: str, link: str) -> bool:
    parts = urlsplit(link)
    return (
        link.startswith(base)
        and not parts.path.startswith(SKIPPED)
        and not FILES.search(parts.path)
    )


def audit_site(axe: Any, page: Any, base: str, paths: list[str]) -> dict[str, list[str]]:
    """Visit `paths` and the pages linked from them (one of each shape); returns the problems
    of each page that has any."""
    queue = [base + path for path in paths]
    seen = {shape(urlsplit(url).path) for url in queue}
    problems: dict[str, list[str]] = {}
    visited = 0
    while queue and visited < MOST_PAGES:
        url = queue.pop(0)
        response = page.goto(url)
        assert response is not None and response.ok, (url, response and response.status)
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        visited += 1
        if found := violations(axe, page):
            problems[url] = found
        links = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        for link in links:
            link = link.split("#")[0]
            key = shape(urlsplit(link).path)
            if wanted(base, link) and key not in seen:
                seen.add(key)
                queue.append(link)
    assert visited >= MOST_PAGES // 6, f"only {visited} pages reached"
    return problems


def test_every_local_page_passes_axe(
    local_site: tuple[str, list[str]], page: Any, axe: Any
) -> None:
    base, results = local_site
    problems = audit_site(axe, page, base, ["", *results])
    assert not problems, report(problems)


def test_every_wizard_step_passes_axe(
    local_site: tuple[str, list[str]], page: Any, axe: Any
) -> None:
    base, _ = local_site
    problems: dict[str, list[str]] = {}
    page.goto(base + "assess")
    page.fill('input[name="age"]', "200")  # out of range: the step comes back with an error
    page.locator('button[value="next"]').click()
    page.wait_for_selector(".error")
    problems["step 1 with an error"] = violations(axe, page)
    page.fill('input[name="age"]', "35")
    for step in range(2, 20):
        page.locator('button[value="next"]').click()
        page.wait_for_load_state("domcontentloaded")
        if "/assessments/" in page.url:
            break
        for fieldset in page.locator("fieldset.red-flag").all():
            fieldset.locator('input[value="no"]').check()
        problems[f"step {step}"] = violations(axe, page)
    else:
        raise AssertionError("the wizard did not reach a result")
    broken = {step: found for step, found in problems.items() if found}
    assert not broken, report(broken)


@pytest.mark.parametrize("who", ["boss", "ana"])  # an admin looking at Ana's data; Ana herself
def test_every_clinic_page_passes_axe(
    clinic_site: tuple[str, int], page: Any, axe: Any, who: str
) -> None:
    base, ana = clinic_site
    page.goto(base + "login")
    signed_out = violations(axe, page)
    assert not signed_out, report({"/login": signed_out})
    page.fill('input[name="email"]', f"{who}@example.org")
    page.fill('input[name="password"]', PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("domcontentloaded")
    assert "/login" not in page.url
    # The athlete's own pages first, so that their links (which keep the athlete) are the ones
    # followed; then what only an admin has.
    start = [f"?athlete={ana}", "clinic/athletes", "admin/users"] if who == "boss" else [""]
    problems = audit_site(axe, page, base, start)
    assert not problems, report(problems)


def test_the_bundled_axe_finds_a_real_problem(page: Any, axe: Any, tmp_path: Path) -> None:
    """The checks above pass because the pages are right, not because axe is not running."""
    page_file = tmp_path / "bad.html"
    page_file.write_text(
        '<!doctype html><html lang="en"><title>t</title><main><img src="x.png">'
        '<input type="text"><p style="width:2000px">wide</p>'
        '<table class="table" style="width:40px;overflow-wrap:anywhere"><tr><th>Stiffness</th>'
        "</tr></table></main></html>"
    )
    page.goto(page_file.as_uri())
    found = violations(axe, page)
    assert {"image-alt", "label"} <= {line.split(" ")[0] for line in found}
    assert any("px wider than the screen" in line for line in found)
    assert any("words split across lines" in line and "Stiffness" in line for line in found)
