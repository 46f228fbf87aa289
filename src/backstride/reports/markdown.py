"""A result as Markdown: the same order as the terminal report, for notes and hand-overs."""

from __future__ import annotations

from backstride.contract.result import MissingQuestion, Result

LEVEL_TITLES = {
    "self_care": "Self-care",
    "consultation": "See a GP or physiotherapist",
    "consultation_24": "See a doctor within 24 hours",
    "emergency": "Emergency department now",
    "emergency_ambulance": "Call an ambulance now",
}


# What the most worrying answer to a red-flag question could lead to (`could_raise_to`).
COULD_MEAN = {
    "consultation": "Could mean: see a GP or physiotherapist.",
    "consultation_24": "Could mean: see a doctor within 24 hours.",
    "emergency": "Could mean: go to an emergency department now.",
    "emergency_ambulance": "Could mean: call an ambulance now.",
}


def could_mean(question: MissingQuestion) -> str:
    level = question.could_raise_to
    return COULD_MEAN.get(level.value, "") if level else ""


def render_markdown(result: Result) -> str:
    t = result.triage
    out = [f"# {LEVEL_TITLES[t.level.value]}", "", f"**{t.action}**", ""]
    out += ["## Why", *[f"- {r}" for r in t.reasons], ""]
    if result.red_flags:
        out += ["## Red flags found"]
        out += [f"- {f.label} ({', '.join(f.findings)})" for f in result.red_flags]
        out.append("")
    out += ["## Likely causes"]
    for c in result.conditions[:5]:
        out.append(f"- **{c.name}** ({round(c.score * 100)}%)")
        if c.supporting:
            out.append(f"  - for: {', '.join(c.supporting)}")
        if c.against:
            out.append(f"  - against: {', '.join(c.against)}")
        out.append(f"  - sources: {'; '.join(c.sources)}")
    out.append("")
    if result.factors:
        out += ["## Contributing factors"]
        out += [f"- **{f.label}** ({', '.join(f.findings)}): {f.advice}" for f in result.factors]
        out.append("")
    if result.training_history and result.training_history.fields:
        out += [f"## From your training history (as of {result.training_history.as_of})"]
        for name, entry in result.training_history.fields.items():
            out.append(f"- `{name}` = {entry.value} ({entry.source}): {entry.how}")
        out.append("")
    out += ["## What to do"]
    out += [f"- {r.text} *{r.why}* ({'; '.join(r.sources)})" for r in result.recommendations]
    out += ["", "## What to avoid", *[f"- {a.text} *{a.why}*" for a in result.avoid], ""]
    run = result.running
    out += ["## Running", f"**{run.advice}**: {run.text}"]
    if run.alternatives:
        out.append(f"Alternatives: {', '.join(run.alternatives)}")
    out += ["", "## When to reassess"]
    out.append(f"Reassess in {result.follow_up.reassess_in_days} day(s). Get help sooner if:")
    out += [f"- {e}" for e in result.follow_up.escalate_if]
    if result.missing_questions:
        out += ["", "## Questions that would sharpen this answer"]
        for q in result.missing_questions:
            out.append(
                f"- `{q.field}`: {q.why}" + (f" **{could_mean(q)}**" if could_mean(q) else "")
            )
    out += ["", "---", f"_{result.disclaimer}_", f"_Knowledge base {result.kb_version}_", ""]
    return "\n".join(out)
