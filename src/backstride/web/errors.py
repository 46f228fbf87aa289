"""The web's one error policy.

- `UserError` (bad input, unknown ids): 422 (404 for `NotFound`), as JSON
  `{"error": {"message", "problems": [{field, value, allowed, message}]}}` under /api, or as a
  friendly page elsewhere.
- FastAPI's own request validation (query parameters, typed bodies): the same 422 shape.
- HTTP errors (404, 405, 401…): the same shapes.
- Anything else is a bug: a generic 500 page or JSON, and one log line with the route and the
  code locations, never the message or the request (which may hold personal data).
"""

from __future__ import annotations

import logging
import time
import traceback
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backstride.errors import UserError
from backstride.web.context import NotFound
from backstride.web.problems import Problem, from_lines, from_pydantic

log = logging.getLogger("backstride.web")

API_PREFIX = "/api/"
_TITLES = {
    401: "Please sign in",
    403: "Not allowed",
    404: "Not found",
    405: "Not allowed here",
    413: "Too large",
    422: "Please check what you entered",
    500: "Something went wrong on our side",
}


def wants_json(request: Request) -> bool:
    return request.url.path.startswith(API_PREFIX) or request.url.path == "/openapi.json"


def error_json(status: int, message: str, problems: list[Problem]) -> JSONResponse:
    body = {"error": {"message": message, "problems": [p.as_json() for p in problems]}}
    return JSONResponse(body, status_code=status)


def error_page(request: Request, status: int, message: str, problems: list[Problem]) -> Response:
    templates = getattr(request.app.state, "templates", None)
    context: dict[str, Any] = {
        "title": _TITLES.get(status, "Error"),
        "message": message,
        "problems": problems,
        "status": status,
    }
    if templates is None:  # pragma: no cover - only before the app is fully built
        return HTMLResponse(f"<h1>{context['title']}</h1>", status_code=status)
    response: Response = templates.TemplateResponse(
        request, "error.html", context, status_code=status
    )
    return response


def respond(request: Request, status: int, message: str, problems: list[Problem]) -> Response:
    if wants_json(request):
        return error_json(status, message, problems)
    return error_page(request, status, message, problems)


async def user_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, UserError)
    status = 404 if isinstance(exc, NotFound) else 422
    problems = from_lines(exc.problems) if status == 422 else []
    return respond(request, status, str(exc), problems)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = from_pydantic(exc.errors(), skip=1)
    message = problems[0].message if problems else "the request is not valid"
    return respond(request, 422, message, problems)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    messages = {404: "There is nothing at this address.", 405: "This address does not take that."}
    detail = exc.detail if isinstance(exc.detail, str) else None
    message = detail if detail and detail not in ("Not Found", "Method Not Allowed") else None
    response = respond(
        request, exc.status_code, message or messages.get(exc.status_code, "Request refused."), []
    )
    for key, value in (exc.headers or {}).items():
        response.headers[key] = value
    return response


def log_bug(scope: Scope, exc: BaseException) -> None:
    """One line per unexpected error: route, exception type and code locations only."""
    route = scope.get("route")
    where = getattr(route, "path", None) or "(no route)"
    frames = traceback.extract_tb(exc.__traceback__)
    places = " <- ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno}" for f in reversed(frames))
    log.error(
        "unexpected %s in %s %s at %s", type(exc).__name__, scope.get("method"), where, places
    )


class SafetyNet:
    """Outermost guard: an exception no handler took becomes a plain 500, never a traceback,
    and is logged without its message. Every response also gets a `Server-Timing` header."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        began = time.perf_counter()

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                # Server time until the response starts (the page is rendered by then).
                took = (time.perf_counter() - began) * 1000
                headers = list(message.get("headers", []))
                headers.append((b"server-timing", f"app;dur={took:.2f}".encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:
            log_bug(scope, exc)
            if started:
                return
            request = Request(scope)
            message = "An unexpected error stopped this page. Nothing you entered was lost."
            if wants_json(request):
                response: Response = error_json(500, message, [])
            else:
                response = HTMLResponse(_PLAIN_500, status_code=500)
            await response(scope, receive, send)


_PLAIN_500 = """<!doctype html><html lang="en"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Something went wrong · backstride</title>
<link rel="stylesheet" href="/static/app.css">
<main class="page"><h1>Something went wrong on our side</h1>
<p>An unexpected error stopped this page. Please go back and try again.</p>
<p><a href="/">Back to the start</a></p>
<p class="note">In an emergency call your local emergency number.</p></main></html>"""


def install(app: FastAPI) -> None:
    app.add_exception_handler(UserError, user_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_middleware(SafetyNet)
