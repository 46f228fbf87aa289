"""Plain data for templates and JSON: one context builder feeds the web page, `--format json`
and the Markdown rendering, so they cannot drift apart."""

from __future__ import annotations

from typing import Any

from backstride.plans.programme import Prescription, Programme
from backstride.plans.return_to_run import ReturnToRunPlan

Data = dict[str, Any]


def _item(p: Prescription) -> Data:
    return {
        "exercise_id": p.exercise_id,
        "name": p.name,
        "category": p.category,
        "variant": p.variant,
        "how": p.how,
        "sets": p.sets,
        "reps": p.reps,
        "hold_seconds": p.hold_seconds,
        "each_side": p.each_side,
        "dose": p.dose_text,
        "cues": list(p.cues),
        "caution": p.caution,
        "addresses": list(p.addresses),
        "sources": list(p.sources),
        "illustration": p.illustration,
    }


def programme_context(programme: Programme) -> Data:
    return {
        "offered": programme.offered,
        "explanation": programme.explanation,
        "level": programme.level.value,
        "start": programme.start.isoformat(),
        "rule": programme.rule,
        "notes": list(programme.notes),
        "weeks": [
            {
                "number": w.number,
                "phase": w.phase,
                "focus": w.focus,
                "days": [s.day.isoformat() for s in w.sessions],
                # Every session of a week is the same; the items are given once per week.
                "items": [_item(i) for i in w.sessions[0].items] if w.sessions else [],
            }
            for w in programme.weeks
        ],
        "sessions": [
            {"day": s.day.isoformat(), "week": s.week, "number": s.number, "title": s.title}
            for s in programme.sessions
        ],
        "targets": [
            {
                "id": t.id,
                "kind": t.kind,
                "label": t.label,
                "weight": t.weight,
                "exercises": list(t.exercises),
                "advice": t.advice,
            }
            for t in programme.targets
        ],
        "excluded": [
            {"exercise_id": e.exercise_id, "name": e.name, "because": list(e.because)}
            for e in programme.excluded
        ],
        "sources": list(programme.sources),
    }


def run_plan_context(plan: ReturnToRunPlan) -> Data:
    stage = plan.stage
    return {
        "offered": plan.offered,
        "explanation": plan.explanation,
        "start": plan.start.isoformat(),
        "as_of": plan.as_of.isoformat(),
        "stage": (
            {"index": stage.index + 1, "id": stage.id, "name": stage.name, "goal": stage.goal}
            if stage is not None
            else None
        ),
        "bone_stress": plan.bone_stress,
        "ceiling": plan.ceiling,
        "gates": list(plan.gates),
        "before_first_run": list(plan.before_first_run),
        "checks": [
            {
                "day": c.day.isoformat(),
                "stage": c.stage,
                "outcome": c.outcome,
                "reason": c.reason,
                "gates": [
                    {"id": g.id, "label": g.label, "passed": g.passed, "detail": g.detail}
                    for g in c.gates
                ],
            }
            for c in plan.checks
        ],
        "changes": [
            {
                "day": c.day.isoformat(),
                "kind": c.kind,
                "from": c.from_stage,
                "to": c.to_stage,
                "reason": c.reason,
            }
            for c in plan.changes
        ],
        "upcoming": [
            {
                "day": u.day.isoformat(),
                "stage": u.stage,
                "stage_name": u.stage_name,
                "description": u.description,
                "run_minutes": u.run_minutes,
                "walk_minutes": u.walk_minutes,
                "km": u.km,
                "is_run": u.is_run,
                "cap_km": u.cap_km,
                "longest_before": (
                    {"day": u.longest_before[0].isoformat(), "km": round(u.longest_before[1], 2)}
                    if u.longest_before
                    else None
                ),
                "capped": u.capped,
                "note": u.note,
            }
            for u in plan.upcoming
        ],
        "notes": list(plan.notes),
        "pace_min_per_km": plan.pace_min_per_km,
        "sources": list(plan.sources),
    }


def plan_context(
    programme: Programme | None = None, run_plan: ReturnToRunPlan | None = None
) -> Data:
    """Everything a plan page shows, as JSON-ready data (dates as ISO strings)."""
    return {
        "schema_version": "1",
        "programme": programme_context(programme) if programme is not None else None,
        "return_to_run": run_plan_context(run_plan) if run_plan is not None else None,
    }


def programme_markdown(ctx: Data) -> str:
    """A Markdown rendering of `programme_context`."""
    out = ["# Your exercise programme", "", ctx["explanation"], ""]
    if not ctx["offered"]:
        return "\n".join(out)
    out += [f"Starts {ctx['start']}. {ctx['rule']}", ""]
    out += [f"- {n}" for n in ctx["notes"]] + [""]
    for week in ctx["weeks"]:
        out += [
            f"## Week {week['number']} ({week['phase']}): {', '.join(week['days'])}",
            "",
            week["focus"],
            "",
            "| exercise | version | dose |",
            "|---|---|---|",
        ]
        out += [f"| {i['name']} | {i['variant']} | {i['dose']} |" for i in week["items"]]
        out.append("")
    targets = [t for t in ctx["targets"] if t["exercises"] or t["advice"]]
    if targets:
        out += ["## What it addresses", ""]
        for t in targets:
            chosen = ", ".join(t["exercises"]) if t["exercises"] else t["advice"]
            out.append(f"- **{t['label']}**: {chosen}")
        out.append("")
    if ctx["excluded"]:
        out += ["## Left out for you", ""]
        out += [f"- {e['name']}: {'; '.join(e['because'])}" for e in ctx["excluded"]]
        out.append("")
    out += ["Sources: " + "; ".join(ctx["sources"]), ""]
    return "\n".join(out)


def run_plan_markdown(ctx: Data) -> str:
    """A Markdown rendering of `run_plan_context`."""
    out = ["# Return to running", "", ctx["explanation"], ""]
    if not ctx["offered"]:
        return "\n".join(out)
    out += ["## Gates after every session", ""] + [f"- {g}" for g in ctx["gates"]] + [""]
    if ctx["changes"]:
        out += ["## Changes", ""]
        out += [f"- {c['day']}: {c['reason']}" for c in ctx["changes"]]
        out.append("")
    if ctx["upcoming"]:
        out += [
            "## Next sessions",
            "",
            "| day | stage | session | km | note |",
            "|---|---|---|---|---|",
        ]
        for u in ctx["upcoming"]:
            km = f"{u['km']:.1f}" if u["is_run"] else "–"
            out.append(
                f"| {u['day']} | {u['stage_name']} | {u['description']} | {km} | {u['note']} |"
            )
        out.append("")
    out += [f"- {n}" for n in ctx["notes"]] + [""]
    out += ["Sources: " + "; ".join(ctx["sources"]), ""]
    return "\n".join(out)
