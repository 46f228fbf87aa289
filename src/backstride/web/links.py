"""Internal links that remember whose data is on screen.

In clinic mode a clinician or an admin looks at one athlete at a time, named by `?athlete=`.
`backstride.web.auth.athlete_in_scope` records that athlete on the request (after the access
check) and everything that builds an internal URL goes through `athlete_url`: the templates'
`url_for_athlete(path)` and `athlete_field()` globals and the pages' redirects. In local mode,
and for an athlete looking at their own data, nothing is recorded and URLs are left as given.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from jinja2 import pass_context
from markupsafe import Markup
from starlette.requests import Request

ATHLETE_PARAM = "athlete"
_STATE_KEY = "viewed_athlete"


@dataclass(frozen=True)
class ViewedAthlete:
    """The athlete a clinician or an admin is acting for on this request (for templates)."""

    id: int
    name: str


def remember_viewed_athlete(request: Request, athlete_id: int, name: str) -> None:
    setattr(request.state, _STATE_KEY, ViewedAthlete(athlete_id, name))


def viewed_athlete(request: Request | None) -> ViewedAthlete | None:
    if request is None:
        return None
    found = getattr(request.state, _STATE_KEY, None)
    return found if isinstance(found, ViewedAthlete) else None


def with_athlete(url: str, athlete_id: int) -> str:
    """`url` with `athlete=<id>` in its query (replacing any other value); a URL that is not a
    path on this site (`https://…`, `//host`, `#part`, `mailto:`) is returned unchanged."""
    if not url.startswith("/") or url.startswith("//"):
        return url
    parts = urlsplit(url)
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != ATHLETE_PARAM
    ]
    query.append((ATHLETE_PARAM, str(athlete_id)))
    return urlunsplit(("", "", parts.path, urlencode(query), parts.fragment))


def athlete_url(request: Request | None, url: str) -> str:
    """An internal URL that keeps the athlete being viewed, if any (see the module)."""
    viewed = viewed_athlete(request)
    return url if viewed is None else with_athlete(url, viewed.id)


@pass_context
def url_for_athlete(context: Any, url: str) -> str:
    """Template global: `athlete_url` for the request being rendered."""
    return athlete_url(context.get("request"), url)


@pass_context
def athlete_field(context: Any) -> Markup:
    """Template global for GET forms (a browser drops the action's query string on those): a
    hidden `athlete` field when an athlete is being viewed, else nothing."""
    viewed = viewed_athlete(context.get("request"))
    if viewed is None:
        return Markup("")
    return Markup('<input type="hidden" name="{}" value="{}">').format(ATHLETE_PARAM, viewed.id)


@pass_context
def viewed_athlete_of(context: Any) -> ViewedAthlete | None:
    """Template global: who is being viewed (for the page header), or None."""
    return viewed_athlete(context.get("request"))


def install(globals_: dict[str, Any]) -> None:
    """Register the template globals (called by `make_templates`)."""
    globals_["url_for_athlete"] = url_for_athlete
    globals_["athlete_field"] = athlete_field
    globals_["viewed_athlete"] = viewed_athlete_of
