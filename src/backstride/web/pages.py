"""HTML pages. Thin: read the form or the path, call a context builder, render a template."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from backstride.contract.case import Region
from backstride.contract.result import Level, Result
from backstride.errors import UserError
from backstride.interview import BODY_MAP, SIDE_LABELS, answers_to_case, next_step_index
from backstride.kb.loader import load_kb
from backstride.reports.markdown import LEVEL_TITLES
from backstride.training.calendar import day_problem
from backstride.training.diary import DiaryEntry as DomainDiaryEntry
from backstride.training.diary import problems_of
from backstride.web import context as ctx
from backstride.web import wizard
from backstride.web.api import AssessmentId
from backstride.web.bodymap import SILHOUETTE, views
from backstride.web.deps import CurrentAthlete, DbSession, get_database, keep_viewed_athlete
from backstride.web.links import athlete_url
from backstride.web.schemas import Day

router = APIRouter(include_in_schema=False)


async def posted_form(request: Request) -> FormData:
    """The posted form, read once (so that the handlers themselves can stay synchronous)."""
    return await request.form()


PostedForm = Annotated[FormData, Depends(posted_form)]


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    templates = request.app.state.templates
    response: Response = templates.TemplateResponse(request, name, context, status_code=status)
    return response


# --- Home ---------------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def home(request: Request, session: DbSession, athlete: CurrentAthlete) -> Response:
    recent = ctx.assessment_summaries(session, athlete, limit=5)
    diary = ctx.diary_list(session, athlete)[-3:]
    return render(
        request,
        "home.html",
        {
            "recent": recent,
            "diary": list(reversed(diary)),
            "activities": ctx.activity_count(session, athlete),
        },
    )


# --- The assessment wizard ----------------------------------------------------------------------


def _wizard_page(request: Request, view: wizard.StepView, status: int = 200) -> Response:
    return render(
        request,
        "wizard.html",
        {
            "v": view,
            "body_map": BODY_MAP,
            "views": views(),
            "silhouette": SILHOUETTE,
            "side_labels": SIDE_LABELS,
        },
        status,
    )


@router.get("/assess", response_class=HTMLResponse)
def wizard_start(request: Request, athlete: CurrentAthlete) -> Response:
    first = next_step_index(None, {}) or 0
    return _wizard_page(request, wizard.step_view(first, {}))


@router.post("/assess", response_class=HTMLResponse)
def wizard_step(
    request: Request, form: PostedForm, session: DbSession, athlete: CurrentAthlete
) -> Response:
    try:
        index = int(str(form.get("step_index", "0")))
    except ValueError:
        index = 0
    state = wizard.read_state(str(form.get("answers", "")))
    move = wizard.advance(index, state, form, str(form.get("nav", "next")))
    if move.view is not None:
        return _wizard_page(request, move.view, 422 if move.view.errors else 200)
    assert move.answers is not None
    case = answers_to_case(move.answers)
    history = form.get("use_history") == "yes"
    saved, _, _ = ctx.run_assessment(session, athlete, case, history=history)
    return RedirectResponse(athlete_url(request, f"/assessments/{saved.id}"), status_code=303)


# --- Results and history ------------------------------------------------------------------------


@router.get("/assessments", response_class=HTMLResponse)
def assessments_page(request: Request, session: DbSession, athlete: CurrentAthlete) -> Response:
    return render(
        request, "assessments.html", {"items": ctx.assessment_summaries(session, athlete)}
    )


@router.get("/assessments/{assessment_id}", response_class=HTMLResponse)
def result_page(
    request: Request, assessment_id: AssessmentId, session: DbSession, athlete: CurrentAthlete
) -> Response:
    saved = ctx.get_saved(session, athlete, assessment_id)
    result = Result.model_validate(saved.result)
    return render(
        request,
        "result.html",
        {"saved": saved, "r": ctx.result_view(result)},
    )


# --- Diary --------------------------------------------------------------------------------------


def _diary_page(
    request: Request,
    session: Any,
    athlete: Any,
    form: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    return render(
        request,
        "diary.html",
        {
            "entries": list(reversed(ctx.diary_list(session, athlete))),
            "calendar": ctx.diary_calendar(session, athlete, date.today()),
            "form": form or {"day": date.today().isoformat(), "regions": []},
            "errors": errors or {},
            "regions": [r.value for r in Region],
            "region_labels": {a.region: a.label for a in BODY_MAP},
        },
        status,
    )


@router.get("/diary", response_class=HTMLResponse)
def diary_page(request: Request, session: DbSession, athlete: CurrentAthlete) -> Response:
    return _diary_page(request, session, athlete)


@router.get("/diary/{day}/edit", response_class=HTMLResponse)
def diary_edit(request: Request, day: Day, session: DbSession, athlete: CurrentAthlete) -> Response:
    entry = ctx.diary_entry_json(session, athlete, ctx.diary_get(session, athlete, day))
    form = {k: ("" if v is None else v) for k, v in entry.items()}
    return _diary_page(request, session, athlete, form=form)


_DIARY_NUMBERS = ("pain_morning", "pain_during", "pain_after", "morning_stiffness_minutes")


@router.post("/diary", response_class=HTMLResponse)
def diary_save(
    request: Request, form: PostedForm, session: DbSession, athlete: CurrentAthlete
) -> Response:
    kept: dict[str, Any] = {
        "day": str(form.get("day", "")).strip(),
        "notes": str(form.get("notes", "")),
        "regions": [str(r) for r in form.getlist("regions")],
    }
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for name in _DIARY_NUMBERS:
        text = str(form.get(name, "")).strip()
        kept[name] = text
        if not text:
            values[name] = None
            continue
        try:
            values[name] = int(text)
        except ValueError:
            values[name] = text
    try:
        day: Any = date.fromisoformat(kept["day"])
    except ValueError:
        day = kept["day"]
    pain = {k: values[k] for k in _DIARY_NUMBERS[:3]}
    notes = kept["notes"].strip() or None
    for line in problems_of(day, pain, kept["regions"], values["morning_stiffness_minutes"], notes):
        field, _, message = line.partition(": ")
        name = field.removeprefix("diary.").replace("date", "day")
        errors.setdefault(name, message[0].upper() + message[1:])
    if errors:
        return _diary_page(request, session, athlete, kept, errors, 422)
    entry = DomainDiaryEntry(
        day=day,
        pain_morning=values["pain_morning"],
        pain_during=values["pain_during"],
        pain_after=values["pain_after"],
        regions=tuple(kept["regions"]),
        morning_stiffness_minutes=values["morning_stiffness_minutes"],
        notes=notes,
    )
    ctx.diary_save(session, athlete, entry)
    target = athlete_url(request, "/diary?saved=" + entry.day.isoformat())
    return RedirectResponse(target, status_code=303)


# --- Training -----------------------------------------------------------------------------------


def _as_of(value: str | None) -> date:
    if not value:
        return date.today()
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise UserError(f"as_of: {value!r} is not a date; give it as YYYY-MM-DD") from None
    problem = day_problem("as_of", day)
    if problem is not None:
        raise UserError(problem)
    return day


@router.get("/training", response_class=HTMLResponse)
def training_page(
    request: Request, session: DbSession, athlete: CurrentAthlete, as_of: str | None = None
) -> Response:
    day = _as_of(as_of)
    load = ctx.load_view(session, athlete, day, 12)
    return render(
        request,
        "training.html",
        {
            "load": load,
            "d": load.data,
            "activities": ctx.activities_list(session, athlete, 20),
            "band_note": ctx.ACWR_BAND_NOTE,
            "as_of": day.isoformat(),
            "explicit_as_of": bool(as_of),
        },
    )


@router.get("/training/chart.svg")
def training_chart(
    session: DbSession, athlete: CurrentAthlete, as_of: str | None = None
) -> Response:
    import tempfile
    from pathlib import Path

    from backstride.reports.chart import write_pain_load_chart

    load = ctx.load_view(session, athlete, _as_of(as_of), 12)
    with tempfile.TemporaryDirectory() as folder:
        path = write_pain_load_chart(Path(folder) / "chart.svg", load.weeks, load.pain)
        svg = path.read_bytes()
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "no-store"})


@router.post("/training/upload", response_class=HTMLResponse)
async def training_upload(
    request: Request,
    athlete: CurrentAthlete,
    files: Annotated[list[UploadFile] | None, Form()] = None,
) -> Response:
    from backstride.web.uploads import import_uploads

    try:
        report = await import_uploads(get_database(request), athlete.name, files or [])
        error = None
    except UserError as exc:
        report, error = None, str(exc).partition(": ")[2] or str(exc)
    partial = request.headers.get("HX-Request") == "true"
    return render(
        request,
        "upload_result.html" if partial else "upload_page.html",
        {"report": report, "error": error},
        200 if error is None or partial else 422,
    )


# --- Knowledge ----------------------------------------------------------------------------------

KEEPS_ATHLETE = [Depends(keep_viewed_athlete)]


@router.get("/knowledge", response_class=HTMLResponse, dependencies=KEEPS_ATHLETE)
def knowledge_index(request: Request) -> Response:
    context = {"counts": ctx.kb_counts(load_kb()), "safety": ctx.safety_figures()}
    return render(request, "kb_index.html", context)


@router.get("/knowledge/conditions", response_class=HTMLResponse, dependencies=KEEPS_ATHLETE)
def kb_conditions(request: Request) -> Response:
    kb = load_kb()
    return render(request, "kb_conditions.html", {"kb": kb, "items": list(kb.conditions.values())})


@router.get(
    "/knowledge/conditions/{condition_id}",
    response_class=HTMLResponse,
    dependencies=KEEPS_ATHLETE,
)
def kb_condition(request: Request, condition_id: str) -> Response:
    kb = load_kb()
    condition = kb.conditions.get(condition_id)
    if condition is None:
        raise ctx.NotFound(f"there is no condition called {condition_id!r}")
    return render(request, "kb_condition.html", {"kb": kb, "c": condition})


@router.get("/knowledge/treatments", response_class=HTMLResponse, dependencies=KEEPS_ATHLETE)
def kb_treatments(request: Request) -> Response:
    kb = load_kb()
    return render(request, "kb_treatments.html", {"kb": kb, "items": list(kb.treatments.values())})


@router.get("/knowledge/technique", response_class=HTMLResponse, dependencies=KEEPS_ATHLETE)
def kb_technique(request: Request) -> Response:
    kb = load_kb()
    items = sorted(kb.technique.values(), key=lambda t: t.number)
    return render(request, "kb_technique.html", {"kb": kb, "items": items})


@router.get("/knowledge/sources", response_class=HTMLResponse, dependencies=KEEPS_ATHLETE)
def kb_sources(request: Request) -> Response:
    kb = load_kb()
    items = sorted(kb.sources.values(), key=lambda s: s.short.lower())
    return render(request, "kb_sources.html", {"kb": kb, "items": items})


@router.get("/knowledge/safety", response_class=HTMLResponse, dependencies=KEEPS_ATHLETE)
def kb_safety(request: Request) -> Response:
    """How well the engine triages the project's clinical vignettes (scripts/safety-report)."""
    figures = ctx.safety_figures()
    kb_version = load_kb().version
    context = {
        "f": figures,
        "stale": figures["kb_version"] != kb_version,
        "kb_version": kb_version,
        "levels": [level.value for level in Level],
        "titles": LEVEL_TITLES,
    }
    return render(request, "kb_safety.html", context)


# --- API reference ------------------------------------------------------------------------------


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> Response:
    """The API described from its OpenAPI document, rendered here (no assets from the web)."""
    schema = request.app.openapi()
    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            body = op.get("requestBody", {}).get("content", {})
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "parameters": op.get("parameters", []),
                    "body": ", ".join(
                        _ref_name(c.get("schema", {})) + f" ({t})" for t, c in body.items()
                    ),
                    "responses": {
                        code: _ref_name(
                            r.get("content", {}).get("application/json", {}).get("schema", {})
                        )
                        for code, r in op.get("responses", {}).items()
                    },
                }
            )
    return render(request, "docs.html", {"ops": operations, "info": schema.get("info", {})})


def _ref_name(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return "list of " + _ref_name(schema.get("items", {}))
    return str(schema.get("type", "")) or "—"
