"""Clinic mode: a clinician or an admin acting for one athlete keeps that athlete from page to
page. Every internal link, image, form and htmx request on every per-athlete page carries
`?athlete=` (GET forms as a hidden field), redirects after a save keep it, and nothing is added
in local mode or for an athlete looking at their own data. SQLite, or PostgreSQL when
BACKSTRIDE_TEST_POSTGRES_URL is set (the fixtures of test_clinic).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from fastapi.testclient import TestClient

from backstride.web.links import with_athlete
from tests.web import test_clinic
from tests.web.live import chromium, requires_chromium
from tests.web.test_clinic import PASSWORD, Clinic, bearer, log_in

# The clinic fixtures (accounts for Ana, Ben, a clinician and an admin; a clinic-mode app).
clinic_url = test_clinic.clinic_url
postgres_url = test_clinic.postgres_url
clinic = test_clinic.clinic
app = test_clinic.app
client = test_clinic.client

# Pages and files that belong to nobody in particular: links to them need no athlete. (The
# knowledge pages show nobody's data either, but keep the athlete so the way back does.)
NOT_PER_ATHLETE = (
    "/docs",
    "/openapi.json",
    "/static/",
    "/logout",
    "/login",
    "/clinic/athletes",
    "/account",
    "/admin",
    "/plan/illustrations/",
)
# Every per-athlete page the crawl must reach from the home page.
MUST_VISIT = (
    "/",
    "/assess",
    "/assessments",
    "/assessments/{id}",
    "/diary",
    "/diary/{day}/edit",
    "/training",
    "/plan",
    "/measures",
    "/knowledge",
    "/knowledge/conditions/{id}",
    "/knowledge/sources",
)


@dataclass
class Form:
    method: str
    action: str
    fields: dict[str, str] = field(default_factory=dict)
    hx: list[str] = field(default_factory=list)


class PageLinks(HTMLParser):
    """Every URL a page can lead to: links, images, scripts, form actions and htmx requests."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []  # followed with GET
        self.assets: list[str] = []  # script and stylesheet sources
        self.forms: list[Form] = []
        self._form: Form | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "img" and a.get("src"):
            self.links.append(a["src"])
        elif tag in ("script", "link") and (a.get("src") or a.get("href")):
            self.assets.append(a.get("src") or a.get("href", ""))
        elif tag == "form":
            self._form = Form(a.get("method", "get").lower(), a.get("action", ""))
            self._form.hx = [a[k] for k in a if k.startswith("hx-") and a[k].startswith("/")]
            self.forms.append(self._form)
        elif tag in ("input", "select", "textarea") and self._form is not None and "name" in a:
            kind = a.get("type", "text")
            if kind not in ("checkbox", "radio", "file") or "checked" in a:
                self._form.fields.setdefault(a["name"], a.get("value", ""))
        if tag != "form":
            for name, value in a.items():  # htmx on any element
                if name == "hx-get" and value:
                    self.links.append(value)
                elif name in ("hx-post", "hx-put", "hx-delete") and value:
                    self.forms.append(Form("post", value))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None


def parse(html: str) -> PageLinks:
    parser = PageLinks()
    parser.feed(html)
    return parser


def internal(url: str) -> bool:
    return url.startswith("/") and not url.startswith("//")


def athlete_of(url: str) -> list[str]:
    return parse_qs(urlsplit(url).query).get("athlete", [])


def needs_athlete(url: str) -> bool:
    path = urlsplit(url).path
    return not path.startswith(NOT_PER_ATHLETE)


def shape(path: str) -> str:
    """A visited path with ids and days replaced, for MUST_VISIT."""
    path = re.sub(r"^/assessments/\d+$", "/assessments/{id}", path)
    path = re.sub(r"^/knowledge/conditions/[a-z0-9_]+$", "/knowledge/conditions/{id}", path)
    return re.sub(r"^/diary/\d{4}-\d{2}-\d{2}/edit$", "/diary/{day}/edit", path)


def crawl(client: TestClient, start: str, athlete: int) -> set[str]:
    """Visit every page reachable from `start`, checking each internal URL on the way; returns
    the shapes of the pages visited."""
    wanted = str(athlete)
    queue, seen, visited = [start], {start}, set()
    problems: list[str] = []
    while queue:
        url = queue.pop(0)
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.text[:300])
        if not response.headers.get("content-type", "").startswith("text/html"):
            continue
        visited.add(shape(urlsplit(url).path))
        page = parse(response.text)
        targets: list[str] = []
        for link in page.links:
            if not internal(link):
                continue
            if needs_athlete(link):
                if athlete_of(link) != [wanted]:
                    problems.append(f"{url}: link {link}")
                    continue
                targets.append(link)
        for form in page.forms:
            for target in [form.action, *form.hx]:
                if not internal(target) or not needs_athlete(target):
                    continue
                if form.method == "get":
                    kept = form.fields.get("athlete") == wanted and not athlete_of(target)
                    if not kept:
                        problems.append(f"{url}: GET form {target} has no athlete field")
                        continue
                    query = urlencode({k: v for k, v in form.fields.items() if v != ""})
                    targets.append(f"{urlsplit(target).path}?{query}")
                elif athlete_of(target) != [wanted]:
                    problems.append(f"{url}: form posting to {target}")
        for target in targets:
            if target not in seen and len(seen) < 150:
                seen.add(target)
                queue.append(target)
    assert problems == []
    return visited


@pytest.fixture
def doc(client: TestClient) -> TestClient:
    log_in(client, "doc@example.org")
    return client


def test_with_athlete_sets_the_parameter_once_and_keeps_the_rest() -> None:
    assert with_athlete("/plan", 7) == "/plan?athlete=7"
    assert with_athlete("/plan?weeks=8&athlete=3#run", 7) == "/plan?weeks=8&athlete=7#run"
    for outside in ("https://example.org/x", "//evil.example/", "#top", "mailto:a@b.c"):
        assert with_athlete(outside, 7) == outside


def test_a_clinician_keeps_the_athlete_on_every_link_and_form(
    doc: TestClient, clinic: Clinic
) -> None:
    visited = crawl(doc, f"/?athlete={clinic.ana}", clinic.ana)
    assert set(MUST_VISIT) <= visited, set(MUST_VISIT) - visited


def test_the_header_names_the_athlete_and_links_back_to_the_list(
    doc: TestClient, clinic: Clinic
) -> None:
    html = doc.get(f"/diary?athlete={clinic.ana}").text
    header = html.split("</header>")[0]
    assert '<strong class="viewed-athlete">Ana</strong>' in header
    assert 'href="/clinic/athletes">All athletes</a>' in header
    # The athlete list leads into an athlete's pages.
    listing = doc.get("/clinic/athletes").text
    assert f'href="/?athlete={clinic.ana}"' in listing


def test_an_admin_keeps_the_athlete_too(client: TestClient, clinic: Clinic) -> None:
    log_in(client, "boss@example.org")
    visited = crawl(client, f"/?athlete={clinic.ben}", clinic.ben)
    assert "/training" in visited and "/plan" in visited
    assert "Ben</strong>" in client.get(f"/?athlete={clinic.ben}").text


def test_an_athlete_gets_plain_links_and_no_header(client: TestClient, clinic: Clinic) -> None:
    log_in(client, "ana@example.org")
    for path in ("/", "/diary", "/training", "/plan", "/measures", "/assessments", "/assess"):
        html = client.get(path).text
        assert "athlete=" not in html, path
        assert "viewed-athlete" not in html, path
    result = client.get(f"/assessments/{clinic.ana_assessment}").text
    assert "athlete=" not in result


def test_an_admin_s_diary_entry_lands_on_the_athlete_and_comes_back_to_them(
    client: TestClient, clinic: Clinic
) -> None:
    csrf = log_in(client, "boss@example.org")
    page = parse(client.get(f"/diary?athlete={clinic.ana}").text)
    form = next(f for f in page.forms if f.method == "post" and f.action.startswith("/diary"))
    saved = client.post(
        form.action,
        data={
            "day": "2025-03-07",
            "pain_morning": "2",
            "notes": "by the admin",
            "csrf_token": csrf,
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303, saved.text[:500]
    location = saved.headers["location"]
    assert athlete_of(location) == [str(clinic.ana)]
    assert "Saved the entry for 2025-03-07" in client.get(location).text
    ana = bearer(client, "ana@example.org")
    ben = bearer(client, "ben@example.org")
    assert client.get("/api/v1/diary/2025-03-07", headers=ana).json()["notes"] == "by the admin"
    assert client.get("/api/v1/diary/2025-03-07", headers=ben).status_code == 404
    # Editing it goes through the same form, for the same athlete.
    edit = parse(client.get(f"/diary/2025-03-07/edit?athlete={clinic.ana}").text)
    assert any(athlete_of(f.action) == [str(clinic.ana)] for f in edit.forms)


def wizard_form(html: str) -> Form:
    return next(f for f in parse(html).forms if urlsplit(f.action).path == "/assess")


def _wizard_answers(html: str) -> dict[str, Any]:
    """Answers for the step on screen: the form's hidden fields, 'no' to yes/no questions and
    the first choice elsewhere (enough to reach the end)."""
    data: dict[str, Any] = dict(wizard_form(html).fields)
    for qid in re.findall(r'name="([^"]+)\.present"', html):
        values = re.findall(rf'name="{re.escape(qid)}" value="([^"]*)"', html)
        if "no" in values:
            data[qid] = "no"
        elif values:
            data[qid] = values[0]
        elif f'name="{qid}"' in html:
            data[qid] = "30" if qid == "age" else ""
    data["nav"] = "next"
    return data


def test_an_admin_finishing_the_wizard_sees_the_athlete_s_result(
    client: TestClient, clinic: Clinic
) -> None:
    csrf = log_in(client, "boss@example.org")
    html = client.get(f"/assess?athlete={clinic.ben}").text
    for _ in range(40):
        form = wizard_form(html)
        assert athlete_of(form.action) == [str(clinic.ben)], form.action
        data = {**_wizard_answers(html), "csrf_token": csrf}
        response = client.post(form.action, data=data, follow_redirects=False)
        if response.status_code == 303:
            break
        assert response.status_code == 200, response.text[:1000]
        html = response.text
    else:
        raise AssertionError("the wizard did not finish")
    location = response.headers["location"]
    assert athlete_of(location) == [str(clinic.ben)]
    assert urlsplit(location).path.startswith("/assessments/")
    result = client.get(location)
    assert result.status_code == 200 and "Ben</strong>" in result.text
    new_id = int(urlsplit(location).path.rsplit("/", 1)[-1])
    ben = bearer(client, "ben@example.org")
    assert new_id in [a["id"] for a in client.get("/api/v1/assessments", headers=ben).json()]
    ana = bearer(client, "ana@example.org")
    assert client.get(f"/api/v1/assessments/{new_id}", headers=ana).status_code == 404


def test_a_clinician_s_write_is_refused_but_the_form_still_names_the_athlete(
    doc: TestClient, clinic: Clinic
) -> None:
    """Clinicians read what athletes shared: the forms keep the athlete, and posting is 403."""
    page = parse(doc.get(f"/measures?athlete={clinic.ana}").text)
    actions = [f.action for f in page.forms if f.method == "post" and f.action != "/logout"]
    assert actions and all(athlete_of(a) == [str(clinic.ana)] for a in actions)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', doc.get("/account/tokens").text)
    assert csrf is not None
    refused = doc.post(actions[0], data={"instrument": "pain", "pain": "3", "csrf_token": csrf[1]})
    assert refused.status_code == 403


clinic_server = test_clinic.clinic_server


@pytest.mark.e2e
@requires_chromium
def test_a_clinician_clicks_through_an_athlete_s_pages_in_a_browser(
    clinic_server: str, clinic: Clinic
) -> None:
    from playwright.sync_api import expect

    with chromium() as browser:
        page = browser.new_page()
        page.goto(f"{clinic_server}/login")
        page.get_by_label("Email").fill("doc@example.org")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.get_by_role("link", name="Ana").click()
        expect(page).to_have_url(f"{clinic_server}/?athlete={clinic.ana}")
        expect(page.locator("header .viewed-athlete")).to_have_text("Ana")
        nav = page.get_by_role("navigation", name="Main")
        nav.get_by_role("link", name="Pain diary").click()
        expect(page).to_have_url(f"{clinic_server}/diary?athlete={clinic.ana}")
        expect(page.locator("main")).to_contain_text("stiff")
        nav.get_by_role("link", name="Training").click()
        expect(page).to_have_url(f"{clinic_server}/training?athlete={clinic.ana}")
        chart = page.locator("img.chart")
        expect(chart).to_be_visible()
        page.wait_for_function(  # the chart image is served for this athlete
            "() => { const i = document.querySelector('img.chart');"
            " return i.complete && i.naturalWidth > 0; }",
            timeout=30_000,
        )
        nav.get_by_role("link", name="History").click()
        page.locator("main table a").first.click()
        expect(page).to_have_url(
            f"{clinic_server}/assessments/{clinic.ana_assessment}?athlete={clinic.ana}"
        )
        page.get_by_role("link", name="Make my plan").click()
        expect(page.locator("h1")).to_have_text("My plan")
        page.get_by_role("link", name="All athletes").click()
        expect(page).to_have_url(f"{clinic_server}/clinic/athletes")


def test_knowledge_pages_keep_only_an_athlete_the_clinician_may_see(
    doc: TestClient, clinic: Clinic
) -> None:
    shared = doc.get(f"/knowledge?athlete={clinic.ana}").text
    assert f'href="/knowledge/conditions?athlete={clinic.ana}"' in shared
    assert "Ana</strong>" in shared
    hidden = doc.get(f"/knowledge?athlete={clinic.ben}")
    assert hidden.status_code == 200  # the same for everyone: shown, but Ben is not kept
    assert f"athlete={clinic.ben}" not in hidden.text and "Ben</strong>" not in hidden.text
