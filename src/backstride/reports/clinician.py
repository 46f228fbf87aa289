"""The clinician report: one context builder, and HTML (Jinja2) and PDF (reportlab) renderers.

`build_context` turns an assessment, instrument scores, weekly load and pain, and an optional
plan into plain data (dicts, lists, strings); both renderers read only that, so the HTML page
and the PDF say the same things. The chart is drawn by `reports.chart` into PNG bytes.

Sections: the assessment (triage, reasons, case summary, likely conditions, factors, advice),
red flags found and those screened (ruled out or not asked), instrument scores over time with
each trend judged against its minimal important change, load against pain, the plan, sources
and the disclaimer.
"""

from __future__ import annotations

import base64
import importlib
import tempfile
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final

from backstride.contract.case import Case, flatten
from backstride.contract.result import Result
from backstride.errors import UserError
from backstride.instruments import Score, oswestry, roland_morris, startback
from backstride.instruments.common import NAMES
from backstride.instruments.trends import MIC_SOURCE, Point, trend
from backstride.kb.loader import KnowledgeBase
from backstride.reports.markdown import LEVEL_TITLES
from backstride.training.diary import WeeklyPain
from backstride.training.load import WeekRow

FORMATS: Final = {".html": "html", ".htm": "html", ".pdf": "pdf"}
LOAD_WEEKS_SHOWN: Final = 16
INSTRUMENT_SOURCES: Final = (
    ("Hill JC et al. 2008, Arthritis Rheum 59:632-41 (STarT Back)", "startback"),
    ("Fairbank JCT, Pynsent PB 2000, Spine 25:2940-52 (Oswestry)", "oswestry"),
    ("Roland M, Fairbank J 2000, Spine 25:3115-24 (Roland-Morris)", "rmdq"),
    (MIC_SOURCE + " (minimal important change)", "mic"),
)

DatedScore = tuple[date, Score]
Context = dict[str, Any]


def report_format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UserError(
            f"--out: {str(path)!r} has suffix {path.suffix or '(none)'!r}; "
            "give a file ending in .html or .pdf"
        )
    return fmt


# --- Context ----------------------------------------------------------------------------------


def _case_summary(case: Case) -> list[dict[str, str]]:
    from backstride.interview import describe_answer, question

    rows = []
    for field, value in flatten(case).items():
        try:
            q = question(field)
        except KeyError:
            rows.append({"field": field, "question": field, "answer": str(value)})
            continue
        rows.append({"field": field, "question": q.prompt, "answer": describe_answer(q, value)})
    return rows


def _instrument_section(scores: Sequence[DatedScore]) -> list[dict[str, Any]]:
    by_name: dict[str, list[DatedScore]] = {}
    for taken_on, score in sorted(scores, key=lambda s: s[0]):
        by_name.setdefault(score.instrument, []).append((taken_on, score))
    out = []
    for name in NAMES:
        rows = by_name.get(name)
        if not rows:
            continue
        points = [Point(d, s.total, s.band) for d, s in rows]
        found = trend(name, points)
        assert found is not None
        out.append(
            {
                "id": name,
                "name": NAMES[name],
                "rows": [
                    {
                        "date": d.isoformat(),
                        "total": s.shown(),
                        "band": s.band or "",
                        "detail": _detail(s),
                    }
                    for d, s in rows
                ],
                "trend": {
                    "verdict": found.verdict.replace("_", " "),
                    "explanation": found.explanation,
                },
            }
        )
    return out


def _detail(score: Score) -> str:
    if score.instrument == "startback":
        return f"psychosocial {score.detail['psychosocial']}/5"
    if score.instrument == "oswestry":
        return f"{score.detail['answered']} of 10 sections answered"
    return ""


def _instrument_notes(scores: Sequence[DatedScore]) -> list[str]:
    used = {s.instrument for _, s in scores}
    notes = []
    if "startback" in used:
        notes.append(startback.ATTRIBUTION)
    if "oswestry" in used:
        notes.append(oswestry.LICENCE_NOTE)
    if "rmdq" in used:
        notes.append(roland_morris.LICENCE_NOTE)
    return notes


def _load_section(
    weeks: Sequence[WeekRow], pain: Sequence[WeeklyPain], chart_png: bytes | None
) -> dict[str, Any]:
    shown = list(weeks)[-LOAD_WEEKS_SHOWN:]
    pain_by_week = {p.week_start: p for p in pain}
    rows = []
    for w in shown:
        p = pain_by_week.get(w.week_start)
        flags = []
        if w.spikes:
            flags.append(f"{w.spikes} long-run spike(s)")
        if w.flag_2wk:
            flags.append(">30% in two weeks")
        rows.append(
            {
                "week": w.week_start.isoformat(),
                "km": f"{w.run_km:.1f}",
                "runs": str(w.runs),
                "pain_max": "" if p is None else str(p.max_pain),
                "pain_mean": "" if p is None else f"{p.mean_pain:.1f}",
                "flags": ", ".join(flags),
            }
        )
    return {
        "rows": rows,
        "chart_png": chart_png,
        "chart_data_uri": (
            "data:image/png;base64," + base64.b64encode(chart_png).decode("ascii")
            if chart_png
            else None
        ),
    }


def _sources(result: Result, kb: KnowledgeBase) -> list[dict[str, str]]:
    cited: list[str] = []
    for group in (result.conditions, result.recommendations, result.factors, result.avoid):
        for item in group:
            cited += [s for s in item.sources if s not in cited]
    by_short = {s.short: s for s in kb.sources.values()}
    out = []
    for short in cited:
        src = by_short.get(short)
        link = (src.url or (f"https://doi.org/{src.doi}" if src.doi else "")) if src else ""
        out.append({"short": short, "title": src.title if src else "", "link": link})
    for text, _ in INSTRUMENT_SOURCES:
        out.append({"short": text, "title": "", "link": ""})
    return out


def plan_from_programme(programme: Any) -> dict[str, Any]:
    """A `backstride.plans.programme.Programme` as plain data for the report."""
    weeks = []
    for week in getattr(programme, "weeks", ()):
        exercises: dict[str, str] = {}
        for session in week.sessions:
            for item in session.items:
                exercises.setdefault(item.name, item.dose_text)
        weeks.append(
            {
                "number": week.number,
                "phase": week.phase,
                "focus": week.focus,
                "sessions": len(week.sessions),
                "exercises": [f"{n} ({d})" for n, d in exercises.items()],
            }
        )
    return {
        "offered": bool(getattr(programme, "offered", False)),
        "explanation": str(getattr(programme, "explanation", "")),
        "weeks": weeks,
        "notes": [str(n) for n in getattr(programme, "notes", ())],
        "rule": str(getattr(programme, "rule", "")),
    }


def default_plan(result: Result, start: date) -> dict[str, Any] | None:
    """The exercise programme from `backstride.plans` when that package is present."""
    try:
        module = importlib.import_module("backstride.plans.programme")
    except ImportError:
        return None
    build = getattr(module, "build_programme", None)
    if build is None:
        return None
    return plan_from_programme(build(result, start))


def build_context(
    *,
    case: Case,
    result: Result,
    kb: KnowledgeBase,
    generated: datetime,
    athlete: str = "",
    assessed_on: date | None = None,
    scores: Sequence[DatedScore] = (),
    weeks: Sequence[WeekRow] = (),
    pain: Sequence[WeeklyPain] = (),
    chart_png: bytes | None = None,
    plan: Mapping[str, Any] | None = None,
) -> Context:
    """Everything the report shows, as plain data."""
    t = result.triage
    screened = result.red_flags_screened
    return {
        "title": "backstride clinician report",
        "athlete": athlete,
        "generated": generated.strftime("%Y-%m-%d %H:%M"),
        "assessed_on": assessed_on.isoformat() if assessed_on else "",
        "kb_version": result.kb_version,
        "triage": {
            "level": t.level.value,
            "title": LEVEL_TITLES[t.level.value],
            "risk": t.risk,
            "action": t.action,
            "reasons": list(t.reasons),
        },
        "pain_type": (result.pain_type or "not determined").replace("_", " "),
        "case": _case_summary(case),
        "conditions": [
            {
                "name": c.name,
                "score": f"{round(c.score * 100)}%",
                "supporting": ", ".join(c.supporting),
                "against": ", ".join(c.against),
            }
            for c in result.conditions
        ],
        "factors": [
            {"label": f.label, "findings": ", ".join(f.findings), "advice": f.advice}
            for f in result.factors
        ],
        "red_flags": [
            {"label": f.label, "level": f.level.value, "findings": ", ".join(f.findings)}
            for f in result.red_flags
        ],
        "ruled_out": [s.label for s in screened if s.status == "ruled_out"],
        "not_asked": [s.label for s in screened if s.status == "not_asked"],
        "recommendations": [{"text": r.text, "why": r.why} for r in result.recommendations],
        "avoid": [{"text": a.text, "why": a.why} for a in result.avoid],
        "running": {
            "advice": result.running.advice,
            "text": result.running.text,
            "alternatives": ", ".join(result.running.alternatives),
        },
        "follow_up": {
            "days": result.follow_up.reassess_in_days,
            "escalate_if": list(result.follow_up.escalate_if),
        },
        "instruments": _instrument_section(scores),
        "instrument_notes": _instrument_notes(scores),
        "mic_source": MIC_SOURCE,
        "load": _load_section(weeks, pain, chart_png),
        "plan": dict(plan) if plan is not None else None,
        "sources": _sources(result, kb),
        "disclaimer": result.disclaimer,
    }


def chart_png(weeks: Sequence[WeekRow], pain: Sequence[WeeklyPain]) -> bytes | None:
    """The pain-against-load chart as PNG bytes (None without any week of training)."""
    if not weeks:
        return None
    from backstride.reports.chart import write_pain_load_chart

    shown = list(weeks)[-LOAD_WEEKS_SHOWN:]
    first = shown[0].week_start
    with tempfile.TemporaryDirectory() as tmp:
        path = write_pain_load_chart(
            Path(tmp) / "chart.png", shown, [p for p in pain if p.week_start >= first]
        )
        return path.read_bytes()


# --- HTML ----------------------------------------------------------------------------------------


def render_html(context: Context) -> str:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("backstride.reports", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("clinician.html").render(**context)


def write_report(path: Path, context: Context) -> Path:
    fmt = report_format(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "html":
        path.write_text(render_html(context), encoding="utf-8")
    else:
        from backstride.reports.clinician_pdf import render_pdf

        path.write_bytes(render_pdf(context))
    return path
