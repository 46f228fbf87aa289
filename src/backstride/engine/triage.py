"""The triage level: the most urgent of what the red flags, the course and the likely
conditions call for. Every part is a maximum, so nothing can pull the level down.
"""

from __future__ import annotations

from dataclasses import dataclass

from backstride.contract.result import LEVEL_ORDER, Level, max_level
from backstride.engine.ruleindex import RuleIndex
from backstride.engine.scoring import ConditionScore
from backstride.kb.loader import KnowledgeBase
from backstride.kb.rules import Flat
from backstride.kb.schema import Condition, CourseRule, RedFlag

# Henschke 2009: a single weak flag is common in ordinary back pain; two or more together
# warrant a consultation.
WEAK_FLAGS_FOR_CONSULTATION = 2


# Built for every case: a plain slotted class, since frozen dataclasses are slow to create.
@dataclass(slots=True)
class FlagHit:
    flag: RedFlag
    findings: list[str]


# Built for every case: a plain slotted class, since frozen dataclasses are slow to create.
@dataclass(slots=True)
class CourseHit:
    rule: CourseRule
    findings: list[str]


# Built for every case: a plain slotted class, since frozen dataclasses are slow to create.
@dataclass(slots=True)
class Triage:
    level: Level
    reasons: list[str]
    strong_flags: list[FlagHit]
    weak_flags: list[FlagHit]
    course: list[CourseHit]
    driving_conditions: list[ConditionScore]


_INDEXES: dict[tuple[str, str], RuleIndex] = {}


def _index(kb: KnowledgeBase, kind: str) -> RuleIndex:
    """The knowledge base's rules of one kind ("red_flag", "course", "factor"), indexed."""
    index = _INDEXES.get((kb.version, kind))
    if index is None:
        sections: dict[str, dict[str, object]] = {
            "red_flag": dict(kb.red_flags),
            "course": dict(kb.course_rules),
            "factor": dict(kb.factors),
        }
        ids = list(sections[kind])
        index = RuleIndex([(key, kb.rules[(kind, key)]) for key in ids])
        _INDEXES[(kb.version, kind)] = index
    return index


def find_red_flags(kb: KnowledgeBase, flat: Flat) -> tuple[list[FlagHit], list[FlagHit]]:
    strong: list[FlagHit] = []
    weak: list[FlagHit] = []
    for fid, evidence in _index(kb, "red_flag").matches(flat):
        flag = kb.red_flags[fid]
        (strong if flag.strength == "strong" else weak).append(FlagHit(flag, evidence))
    strong.sort(key=lambda h: -LEVEL_ORDER[h.flag.level])
    return strong, weak


def find_course(kb: KnowledgeBase, flat: Flat) -> list[CourseHit]:
    return [
        CourseHit(kb.course_rules[rid], evidence)
        for rid, evidence in _index(kb, "course").matches(flat)
    ]


def find_factors(kb: KnowledgeBase, flat: Flat) -> list[tuple[str, list[str]]]:
    return list(_index(kb, "factor").matches(flat))


def condition_level(condition: Condition, flat: Flat) -> Level:
    """The level a likely condition asks: its settled level once the pain is known not to be
    there now and not to be getting worse (only answers that raise the level can undo that)."""
    if condition.settled_level is None or flat.get("derived.current") != "no":
        return condition.level
    known_not_worse = flat.get("derived.trend") in ("same", "better")
    return condition.settled_level if known_not_worse else condition.level


def _drives(score: ConditionScore, flat: Flat) -> bool:
    """Whether a likely condition sets the level. Long-standing pain that has been assessed
    and is stable, or a known problem's flare that is easing, has had the routine appointment
    a non-serious condition asks for, so only serious or urgent conditions drive it."""
    condition = score.condition
    if condition.level is Level.self_care or score.probability < condition.level_threshold:
        return False
    # A known, diagnosed problem's recurring flare that is already easing has had its
    # assessment too (NICE NG226 and NG59: exercise and self-management).
    easing_known_flare = (
        bool(flat.get("history.diagnosed"))
        and flat.get("derived.first_episode") == "no"
        and flat.get("derived.trend") == "better"
    )
    return not (
        (flat.get("derived.managed_chronic") == "yes" or easing_known_flare)
        and condition.level is Level.consultation
        and condition.category != "serious"
    )


def decide(kb: KnowledgeBase, flat: Flat, ranked: list[ConditionScore]) -> Triage:
    strong, weak = find_red_flags(kb, flat)
    course = find_course(kb, flat)
    level = Level.self_care
    reasons: list[str] = []
    for hit in strong:
        level = max_level(level, hit.flag.level)
        reasons.append(f"Red flag: {hit.flag.label} ({', '.join(hit.findings)}).")
    if len(weak) >= WEAK_FLAGS_FOR_CONSULTATION:
        level = max_level(level, Level.consultation)
        labels = "; ".join(h.flag.label.lower() for h in weak)
        reasons.append(f"Several weaker warning signs together: {labels}.")
    home_notes: list[str] = []  # self-care course rules: why the pain stays at home
    for chit in course:
        level = max_level(level, chit.rule.level)
        reasons.append(f"{chit.rule.reason} ({', '.join(chit.findings)})")
        if chit.rule.level is Level.self_care:
            home_notes.append(reasons[-1])
    driving = [s for s in ranked if _drives(s, flat)]
    for score in driving:
        asks = condition_level(score.condition, flat)
        level = max_level(level, asks)
        reasons.append(
            f"Your answers fit {score.condition.name.lower()} "
            f"(about {round(score.probability * 100)}% on this evidence), which needs "
            f"{_level_phrase(asks)}."
        )
    if level is Level.self_care:
        # Course notes at self-care level explain the plan; the reassurance comes first.
        reasons.insert(
            0,
            "No red flags among your answers, and the pattern fits a mechanical or muscular "
            "cause that usually settles with self-care.",
        )
        if weak:
            reasons.insert(
                1,
                f"One weaker warning sign on its own ({weak[0].flag.label.lower()}) is common "
                "in ordinary back pain and does not change this.",
            )
    elif home_notes:  # "stays at home for now" would contradict the level
        reasons = [r for r in reasons if r not in home_notes]
    return Triage(level, reasons, strong, weak, course, driving)


def _level_phrase(level: Level) -> str:
    return {
        Level.self_care: "only self-care",
        Level.consultation: "an appointment in the coming days",
        Level.consultation_24: "a doctor within 24 hours",
        Level.emergency: "emergency assessment",
        Level.emergency_ambulance: "an ambulance",
    }[level]
