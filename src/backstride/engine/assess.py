"""`assess(case) -> Result`: the engine's one public function. Pure and deterministic.

The result is assembled as plain data and validated once against the contract model at the
end: pydantic-core checks the whole tree faster than building each piece as a model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import compress
from typing import Any

from backstride.contract.case import Case
from backstride.contract.result import (
    LEVEL_ORDER,
    RISK_BY_LEVEL,
    Avoid,
    FollowUp,
    Level,
    Recommendation,
    Result,
    RunningAdvice,
    ScreenedFlag,
)
from backstride.engine.derive import case_facts
from backstride.engine.questions import DERIVED_SOURCES, missing_questions
from backstride.engine.scoring import (
    ConditionScore,
    ScoringIndex,
    build_index,
    build_models,
    promote_flagged,
    rank_conditions,
)
from backstride.engine.triage import (
    WEAK_FLAGS_FOR_CONSULTATION,
    FlagHit,
    Triage,
    decide,
    find_factors,
)
from backstride.kb.loader import KnowledgeBase, load_kb
from backstride.kb.rules import Flat, compile_batch
from backstride.kb.schema import Condition

Data = dict[str, Any]
SHOWN_CONDITIONS = 5
# A condition this likely contributes its advice alongside the leading one.
ADVICE_PROBABILITY = 0.15
MAX_RECOMMENDATIONS = 10
_RUNNING_ORDER = {"continue": 0, "modify": 1, "pause": 2, "stop": 3}
_LEVEL_ADVICE = {
    Level.emergency_ambulance: "call_ambulance_now",
    Level.emergency: "go_emergency_now",
    Level.consultation_24: "see_doctor_today",
}
_URGENT_ACTIONS = frozenset(_LEVEL_ADVICE.values())
_REASSESS_BY_LEVEL = {Level.emergency_ambulance: 0, Level.emergency: 0, Level.consultation_24: 1}


@dataclass(frozen=True)
class Engine:
    """The knowledge base with its conditions compiled for scoring and its fixed output
    pieces (advice items, screening lines, citations) built and validated once: validation
    of a result accepts these model instances as they are."""

    kb: KnowledgeBase
    index: ScoringIndex
    recommendations: dict[str, Recommendation]
    avoid: dict[str, Avoid]
    # The flags with a screen: their screening questions, their two entries (ruled out, not
    # asked) and their position in `kb.red_flags`.
    screened: dict[str, tuple[frozenset[str], ScreenedFlag, ScreenedFlag, int]]
    # From one call: for every red flag, in `kb.red_flags` order, whether answers to the
    # case's missing fields could still make it fire (an upper bound); then for each flag
    # in `screened`, in order, the same with its screening questions taken as unanswered,
    # that is, whether those questions are what rule it out.
    could_fire: Callable[[Flat], tuple[bool, ...]]
    citations: dict[str, list[str]]


def build_engine(kb: KnowledgeBase) -> Engine:
    recommendations = {
        aid: Recommendation(
            id=aid, text=a.text, why=a.why, evidence=a.evidence, sources=kb.cite(a.sources)
        )
        for aid, a in kb.advice.items()
        if a.kind == "do"
    }
    avoid = {
        aid: Avoid(id=aid, text=a.text, why=a.why, sources=kb.cite(a.sources))
        for aid, a in kb.advice.items()
        if a.kind == "avoid"
    }
    screened = {
        fid: (
            frozenset(f.screen),
            ScreenedFlag(id=fid, label=f.label, status="ruled_out"),
            ScreenedFlag(id=fid, label=f.label, status="not_asked"),
            position,
        )
        for position, (fid, f) in enumerate(kb.red_flags.items())
        if f.strength == "strong" and f.screen
    }
    could_fire = compile_batch(
        [kb.rules[("red_flag", fid)] for fid in [*kb.red_flags, *screened]],
        unanswered_may_match=True,
        depends_on=DERIVED_SOURCES,
        reopened=[()] * len(kb.red_flags) + [entry[0] for entry in screened.values()],
    )
    citations = {cid: kb.cite(c.sources) for cid, c in kb.conditions.items()}
    citations |= {fid: kb.cite(f.sources) for fid, f in kb.factors.items()}
    index = build_index(build_models(kb), {r.text: r for r in kb.rules.values()})
    return Engine(kb, index, recommendations, avoid, screened, could_fire, citations)


@cache
def default_engine() -> Engine:
    return build_engine(load_kb())


def assess(case: Case, engine: Engine | None = None) -> Result:
    """Assess one case. The same case always gives the same result."""
    engine = engine or default_engine()
    kb = engine.kb
    flat = case_facts(case)
    ranked = rank_conditions(engine.index, flat)
    triage = decide(kb, flat, ranked)
    ranked = promote_flagged(ranked, _flag_floors(triage))
    advisers = _advising_conditions(triage, ranked)
    fired = {h.flag.id for h in triage.strong_flags + triage.weak_flags}
    bounds = engine.could_fire(flat)
    factors = _factors(engine, flat)
    # Weak flags are reported only when several together changed the level.
    memo: dict[str, list[str]] = {}
    pain_type = _pain_type(flat)
    shown_flags = triage.strong_flags + (triage.weak_flags if len(triage.weak_flags) >= 2 else [])
    return Result.model_validate(
        {
            "schema_version": "1",
            "kb_version": kb.version,
            "triage": {
                "level": triage.level,
                "risk": RISK_BY_LEVEL[triage.level],
                "action": kb.text.actions[triage.level],
                "reasons": triage.reasons,
            },
            "red_flags": [_flag_hit(h) for h in shown_flags],
            "red_flags_screened": _screened(engine, flat, fired, bounds),
            "pain_type": pain_type,
            "conditions": [
                _condition_hit(engine, s, flat, memo) for s in ranked[:SHOWN_CONDITIONS]
            ],
            "factors": factors,
            "recommendations": _recommendations(engine, triage, advisers, factors),
            "avoid": _avoid(engine, triage, advisers),
            "running": _running(triage, ranked, pain_type),
            "follow_up": _follow_up(kb, triage, advisers),
            "missing_questions": missing_questions(kb, flat, triage.level, fired, ranked, bounds),
            "disclaimer": kb.text.disclaimer,
        }
    )


def _flag_hit(hit: FlagHit) -> Data:
    flag = hit.flag
    return {"id": flag.id, "label": flag.label, "level": flag.level, "findings": hit.findings}


# The least probability shown for a condition that a fired red flag points at, by flag level.
_FLAG_FLOOR = {
    Level.consultation: 0.35,
    Level.consultation_24: 0.5,
    Level.emergency: 0.6,
    Level.emergency_ambulance: 0.7,
}


def _flag_floors(triage: Triage) -> list[tuple[str, float, list[str]]]:
    """The conditions the fired red flags and course rules point at, with their floors."""
    # Weaker warning signs point at their condition only when together they set the level.
    hits = list(triage.strong_flags)
    if len(triage.weak_flags) >= WEAK_FLAGS_FOR_CONSULTATION:
        hits += triage.weak_flags
    floors = [
        (hit.flag.condition, _FLAG_FLOOR[hit.flag.level], hit.findings)
        for hit in hits
        if hit.flag.condition and hit.flag.level in _FLAG_FLOOR
    ]
    # A course rule that names a cause points at it the same way.
    return floors + [
        (chit.rule.condition, _FLAG_FLOOR[chit.rule.level], chit.findings)
        for chit in triage.course
        if chit.rule.condition and chit.rule.level in _FLAG_FLOOR
    ]


def _advising_conditions(triage: Triage, ranked: list[ConditionScore]) -> list[Condition]:
    """The conditions whose advice applies: those driving the level, then the likely ones."""
    chosen = [s.condition for s in triage.driving_conditions]
    for score in ranked[:3]:
        if score is ranked[0] or score.probability >= ADVICE_PROBABILITY:
            chosen.append(score.condition)
    unique: dict[str, Condition] = {}
    for cond in chosen:
        unique.setdefault(cond.id, cond)
    return list(unique.values())


def _condition_hit(
    engine: Engine, score: ConditionScore, flat: Flat, memo: dict[str, list[str]]
) -> Data:
    supporting, against = score.explain(flat, memo)
    return {
        "id": score.condition.id,
        "name": score.condition.name,
        "score": round(score.probability, 3),
        "supporting": supporting,
        "against": against,
        "sources": engine.citations[score.condition.id],
    }


def _factors(engine: Engine, flat: Flat) -> list[Data]:
    kb = engine.kb
    return [
        {
            "id": fid,
            "label": kb.factors[fid].label,
            "findings": evidence,
            "advice": kb.factors[fid].advice,
            "sources": engine.citations[fid],
        }
        for fid, evidence in find_factors(kb, flat)
    ]


def _recommendations(
    engine: Engine, triage: Triage, advisers: list[Condition], factors: list[Data]
) -> list[Recommendation]:
    kb = engine.kb
    ids: list[str] = []
    urgent = _LEVEL_ADVICE.get(triage.level)
    if urgent:
        ids.append(urgent)
    emergency = LEVEL_ORDER[triage.level] >= LEVEL_ORDER[Level.emergency]
    for cond in advisers:
        if emergency and LEVEL_ORDER[cond.level] < LEVEL_ORDER[Level.emergency]:
            continue  # in an emergency, home-care tips only distract
        # The leading condition gives all its advice, the others their first two items.
        ids.extend(cond.recommendations if cond is advisers[0] else cond.recommendations[:2])
    # One urgent action, the level's own: a condition's "call an ambulance" must not stand
    # beside "see a doctor today" when its pain is a settled pattern.
    ids = [a for a in ids if a == urgent or a not in _URGENT_ACTIONS]
    if triage.level is Level.consultation and not any(a.startswith("see_") for a in ids):
        ids.insert(0, "see_doctor_or_physio")
    if not emergency:
        for hit in factors:
            ids.extend(kb.factors[hit["id"]].recommendations)
    return [engine.recommendations[aid] for aid in list(dict.fromkeys(ids))[:MAX_RECOMMENDATIONS]]


def _avoid(engine: Engine, triage: Triage, advisers: list[Condition]) -> list[Avoid]:
    ids: list[str] = []
    emergency = LEVEL_ORDER[triage.level] >= LEVEL_ORDER[Level.emergency]
    if emergency:
        ids.append("driving_yourself")
    for cond in advisers:
        if emergency and LEVEL_ORDER[cond.level] < LEVEL_ORDER[Level.emergency]:
            continue  # home-care cautions do not belong in an emergency answer
        ids.extend(cond.avoid)
    if not ids:
        ids.append("bed_rest")
    return [engine.avoid[aid] for aid in dict.fromkeys(ids)]


def _running(triage: Triage, ranked: list[ConditionScore], pain_type: str | None) -> RunningAdvice:
    # The leading condition sets the advice; a condition that drives the level can only
    # make it more cautious.
    leaders = [s.condition for s in triage.driving_conditions] + [ranked[0].condition]
    lead = leaders[-1].running
    advice: str = lead.advice
    text, alternatives = lead.text, list(lead.alternatives)
    for cond in leaders[:-1]:
        if _RUNNING_ORDER[cond.running.advice] > _RUNNING_ORDER[advice]:
            advice, text = cond.running.advice, cond.running.text
            alternatives = list(dict.fromkeys(alternatives + cond.running.alternatives))
    floor = "continue"
    if LEVEL_ORDER[triage.level] >= LEVEL_ORDER[Level.consultation_24]:
        floor = "stop"
    elif pain_type == "sharp":
        floor = "pause"  # seed 000: stop running for a while with sharp, severe pain
    if _RUNNING_ORDER[floor] > _RUNNING_ORDER[advice]:
        advice = floor
        text = (
            "Do not run until you have been assessed."
            if floor == "stop"
            else "Pause running while the pain is sharp; swim or cycle if they are comfortable."
        )
    if advice == "stop" and LEVEL_ORDER[triage.level] >= LEVEL_ORDER[Level.emergency]:
        alternatives = []
    elif advice in ("pause", "stop") and not alternatives:
        alternatives = ["walking", "swimming", "cycling"]
    return _running_advice(advice, tuple(alternatives), text)


# The same few outputs recur across cases; validated instances are reused as they are.
@lru_cache(maxsize=1024)
def _running_advice(advice: str, alternatives: tuple[str, ...], text: str) -> RunningAdvice:
    return RunningAdvice.model_validate(
        {"advice": advice, "alternatives": list(alternatives), "text": text}
    )


@lru_cache(maxsize=1024)
def _follow_up_out(days: int, escalate_if: tuple[str, ...]) -> FollowUp:
    return FollowUp(reassess_in_days=days, escalate_if=list(escalate_if))


def _follow_up(kb: KnowledgeBase, triage: Triage, advisers: list[Condition]) -> FollowUp:
    days = _REASSESS_BY_LEVEL.get(triage.level)
    if days is None:
        days = min((c.reassess_in_days for c in advisers), default=7)
        if triage.level is Level.consultation:
            days = min(days, 7)
    escalate = [e for c in advisers[:2] for e in c.escalate_if] + kb.text.general_escalation
    return _follow_up_out(days, tuple(dict.fromkeys(escalate)))


def _screened(
    engine: Engine,
    flat: Flat,
    fired: set[str],
    bounds: tuple[bool, ...],
) -> list[ScreenedFlag]:
    """The red-flag screen, in the knowledge base's order. A flag that could still fire is
    ruled out if its screening questions were all answered, and not asked otherwise; one
    that can no longer fire is ruled out if the answers to its screening questions are what
    exclude it, and left off if other answers exclude it whatever those say (a sign of heart
    or belly trouble when the pain is low in the back, one that needs an age the runner is
    not): listing all of those buried the few that matter, and doubled a result's size."""
    # A set, not the keys view: a hundred subset tests against it cost half as much.
    answered = set(flat)
    # Reopening questions can only widen the bound, so the flags whose bound holds with
    # their screening questions reopened are all that can be shown.
    unscreened = bounds[len(engine.kb.red_flags) :]
    return [
        not_asked if bounds[position] and not screen <= answered else ruled_out
        for fid, (screen, ruled_out, not_asked, position) in compress(
            engine.screened.items(), unscreened
        )
        if fid not in fired
    ]


_RADIATING_REGIONS = ("buttock", "groin", "thigh_back", "thigh_front", "below_knee", "foot")


def _pain_type(flat: Flat) -> str | None:
    """Seed 000's three types: radiating, sharp, or aching and constant."""
    character = flat.get("pain.character")
    chars = set(character) if isinstance(character, list) else set()
    regions = flat.get("pain.regions")
    places = {r.split(":", 1)[0] for r in regions} if isinstance(regions, list) else set()
    legs = flat.get("derived.leg_symptoms") in ("left", "right", "both")
    nerve_like = bool(chars & {"shooting", "burning", "tingling"})
    if legs or (nerve_like and places & set(_RADIATING_REGIONS)):
        return "radiating"
    if chars & {"sharp", "stabbing", "tearing"}:
        return "sharp"
    if chars or places:
        return "aching_constant"
    return None
