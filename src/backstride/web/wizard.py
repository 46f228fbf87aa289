"""The web wizard's state: raw answers in, parsed answers and per-field messages out.

The wizard is stateless on the server. Each page carries every answer given so far, as the
text the form sent, in one hidden field; each request re-reads them all through
`interview.parse_answer`, so a tampered or stale value can never reach the engine unchecked.
Steps, questions, wording and branching all come from `backstride.interview`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from backstride.errors import UserError
from backstride.interview import (
    BODY_MAP,
    Question,
    Step,
    next_step_index,
    parse_answer,
    previous_step_index,
    progress,
    question,
    steps,
    visible_questions,
    visible_steps,
)

NOT_SURE = "not sure"
MAX_STATE_CHARS = 20_000


def known_ids() -> set[str]:
    return {q.id for s in steps() for q in s.questions}


def read_state(text: str | None) -> dict[str, str]:
    """The hidden answers field: a JSON object of question id to raw text. Anything else
    (unknown ids, non-text values, broken JSON) is dropped."""
    if not text or len(text) > MAX_STATE_CHARS:
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    ids = known_ids()
    return {k: v for k, v in data.items() if k in ids and isinstance(v, str)}


def write_state(raw: Mapping[str, str]) -> str:
    return json.dumps(dict(raw), ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def parse_all(raw: Mapping[str, str]) -> tuple[dict[str, object], dict[str, str]]:
    """Parsed answers (not-sure answers left out) and messages for those that do not parse."""
    answers: dict[str, object] = {}
    problems: dict[str, str] = {}
    for qid, text in raw.items():
        try:
            value = parse_answer(question(qid), text)
        except UserError as exc:
            problems[qid] = str(exc)
            continue
        if value is not None:
            answers[qid] = value
    return answers, problems


def raw_from_form(q: Question, form: Mapping[str, Any]) -> str | None:
    """What the form sent for one question, as the text `parse_answer` reads; None when the
    question was not on the form."""
    if q.kind == "regions":
        marks = []
        present = False
        for area in BODY_MAP:
            key = f"{q.id}.{area.region}"
            if key in form:
                present = True
                side = str(form[key]).strip()
                if side and side != "none":
                    marks.append(f"{area.region}:{side}")
        if not present and q.id + ".present" not in form:
            return None
        return ",".join(marks)
    if q.kind == "multi_choice":
        if q.id + ".present" not in form and q.id not in form:
            return None
        values = form.getlist(q.id) if hasattr(form, "getlist") else form.get(q.id, [])
        if isinstance(values, str):
            values = [values]
        chosen = [str(v) for v in values if str(v).strip()]
        if NOT_SURE in chosen:
            return NOT_SURE if len(chosen) == 1 else ",".join(chosen)
        return ",".join(chosen)
    if q.id not in form:
        return "" if q.id + ".present" in form else None
    return str(form[q.id])


@dataclass
class StepView:
    """Everything the wizard template needs for one step."""

    index: int
    step: Step
    questions: list[Question]
    raw: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    position: int = 1
    total: int = 1
    titles: list[tuple[str, bool, bool]] = field(default_factory=list)  # title, done, current
    first: bool = True
    last: bool = False

    @property
    def state(self) -> str:
        return write_state(self.raw)

    def value(self, qid: str) -> str:
        return self.raw.get(qid, "")

    def chosen(self, qid: str) -> list[str]:
        text = self.raw.get(qid, "")
        return [part.strip() for part in text.split(",") if part.strip()]

    def region_side(self, qid: str, region: str) -> str:
        for mark in self.chosen(qid):
            name, _, side = mark.partition(":")
            if name == region:
                return side or "central"
        return ""


def step_view(
    index: int, raw: Mapping[str, str], errors: Mapping[str, str] | None = None
) -> StepView:
    answers, _ = parse_all(raw)
    step = steps()[index]
    shown = visible_steps(answers)
    position, total = progress(index, answers)
    current_seen = False
    titles = []
    for s in shown:
        current = s.id == step.id
        current_seen = current_seen or current
        titles.append((s.title, not current_seen, current))
    return StepView(
        index=index,
        step=step,
        questions=visible_questions(step, answers),
        raw=dict(raw),
        errors=dict(errors or {}),
        position=position,
        total=total,
        titles=titles,
        first=previous_step_index(index, answers) is None,
        last=next_step_index(index, answers) is None,
    )


@dataclass(frozen=True)
class Move:
    """The outcome of one wizard request: show a step, or finish with these answers."""

    view: StepView | None
    answers: dict[str, object] | None = None


def advance(index: int, raw_state: Mapping[str, str], form: Mapping[str, Any], nav: str) -> Move:
    """Take the current step's form, then go back, stay (with messages) or go on."""
    all_steps = steps()
    if not 0 <= index < len(all_steps):
        index = next_step_index(None, {}) or 0
    raw = dict(raw_state)
    before, _ = parse_all(raw)
    step = all_steps[index]
    errors: dict[str, str] = {}
    for q in visible_questions(step, before) or list(step.questions):
        text = raw_from_form(q, form)
        if text is None:
            continue
        raw[q.id] = text
        try:
            parse_answer(q, text)
        except UserError as exc:
            errors[q.id] = _friendly(str(exc))
    answers, _ = parse_all(raw)
    if nav == "back":
        previous = previous_step_index(index, answers)
        return Move(step_view(previous if previous is not None else index, raw))
    # Questions of this step that are now shown (an answer can open another one) must parse.
    errors = {q.id: errors[q.id] for q in visible_questions(step, answers) if q.id in errors}
    if errors:
        return Move(step_view(index, raw, errors))
    following = next_step_index(index, answers)
    if following is None:
        return Move(None, answers)
    return Move(step_view(following, raw))


def _friendly(message: str) -> str:
    """`neuro.x: an empty answer is not allowed; expected …` without the field id."""
    _, sep, rest = message.partition(": ")
    text = rest if sep else message
    return text[0].upper() + text[1:] if text else message
