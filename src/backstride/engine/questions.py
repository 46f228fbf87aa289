"""Which unanswered questions matter most: those whose answer could raise the triage level
(an unscreened red flag, weighted by its urgency and by whether the case makes it plausible),
then those that would best separate the leading conditions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from backstride.contract.fields import case_fields, rule_fields
from backstride.contract.result import LEVEL_ORDER, Level, MissingQuestion
from backstride.engine.scoring import ConditionScore
from backstride.kb.loader import KnowledgeBase
from backstride.kb.rules import Flat

# A derived value is answered through the fields it is derived from.
_DERIVED_SOURCES = {
    "derived.leg_symptoms": ("neuro.leg_numbness", "neuro.leg_tingling", "neuro.leg_weakness"),
    "derived.weekly_change_pct": ("running.weekly_km", "running.weekly_km_before"),
    "derived.long_run_spike_pct": ("running.long_run_km", "running.longest_run_prev_30d_km"),
    "derived.bmi": ("height_cm", "weight_kg"),
}
MAX_QUESTIONS = 8
_CONTEXT_BOOST = 4.0
_OUT_OF_CONTEXT = 0.25


@dataclass(frozen=True, slots=True)
class _Candidate:
    score: float
    why: str


def _real_fields(names: frozenset[str] | list[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        out.extend(_DERIVED_SOURCES.get(name, (name,)))
    return out


def _could_fire(kb: KnowledgeBase, fid: str, flat: Flat) -> bool:
    """Whether some answers to the flag's unanswered questions would make it fire.

    Unanswered yes/no questions are imagined as "yes", unanswered choices and lists as their
    most alarming values; numbers cannot be imagined and are assumed possible.
    """
    rule = kb.rules[("red_flag", fid)]
    specs = rule_fields()
    imagined = dict(flat)
    for name in rule.fields:
        if name in flat:
            continue
        spec = specs[name]
        if spec.kind == "bool":
            imagined[name] = True
        elif spec.kind == "choice":
            imagined[name] = "both" if "both" in spec.choices else spec.choices[-1]
        elif spec.kind == "list":
            imagined[name] = list(spec.choices)
        else:
            return True
    return rule(imagined) is not None


def _flag_candidates(
    kb: KnowledgeBase, flat: Flat, level: Level, fired: set[str]
) -> dict[str, _Candidate]:
    known = case_fields()
    found: dict[str, _Candidate] = {}
    for fid, flag in kb.red_flags.items():
        if fid in fired:
            continue
        gain = LEVEL_ORDER[flag.level] - LEVEL_ORDER[level]
        if gain <= 0 or not _could_fire(kb, fid, flat):
            continue  # answering could not raise the level
        weight = (1.0 + gain) * (0.3 if flag.strength == "weak" else 1.0)
        if flag.ask_when:
            in_context = kb.rules[("ask_when", fid)](flat) is not None
            weight *= _CONTEXT_BOOST if in_context else _OUT_OF_CONTEXT
        fields = flag.screen or _real_fields(kb.rules[("red_flag", fid)].fields)
        for name in _real_fields(list(fields)):
            if name in flat or name not in known:
                continue
            held = found.get(name)
            if held is None or weight > held.score:
                found[name] = _Candidate(weight, f"Screens for a red flag: {flag.label.lower()}.")
    return found


def _condition_candidates(ranked: list[ConditionScore], kb: KnowledgeBase, flat: Flat) -> dict[
    str, _Candidate
]:
    known = case_fields()
    found: dict[str, _Candidate] = {}
    for score in ranked[:3]:
        cond = score.condition
        for i, finding in enumerate(cond.findings):
            rule = kb.rules[(cond.id, str(i))]
            missing = [f for f in _real_fields(rule.fields) if f not in flat and f in known]
            if not missing:
                continue
            value = abs(math.log(finding.lr)) * score.probability
            for name in missing:
                held = found.get(name)
                if held is None or value > held.score:
                    found[name] = _Candidate(value, f"Helps tell whether this is {cond.name[0].lower()}{cond.name[1:]}.")
    return found


def missing_questions(
    kb: KnowledgeBase, flat: Flat, level: Level, fired: set[str], ranked: list[ConditionScore]
) -> list[MissingQuestion]:
    flags = _flag_candidates(kb, flat, level, fired)
    conditions = _condition_candidates(ranked, kb, flat)
    # Red-flag questions come first: they can change where the runner should go.
    ordered = sorted(flags.items(), key=lambda kv: (-kv[1].score, kv[0]))
    ordered += sorted(
        ((k, v) for k, v in conditions.items() if k not in flags),
        key=lambda kv: (-kv[1].score, kv[0]),
    )
    return [MissingQuestion(field=name, why=c.why) for name, c in ordered[:MAX_QUESTIONS]]
