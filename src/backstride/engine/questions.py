"""Which unanswered questions matter most: those whose answer could raise the triage level
(an unscreened red flag, weighted by its urgency and by whether the case makes it plausible),
then those that would best separate the leading conditions.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from backstride.contract.fields import case_fields, rule_fields
from backstride.contract.result import LEVEL_ORDER, Level, MissingQuestion
from backstride.engine.derive import (
    CHEST_WARNINGS,
    EFFORT_WARNINGS,
    HEAT_EXCLUDED,
    SWEAT_WARNINGS,
)
from backstride.engine.scoring import ConditionScore
from backstride.kb.loader import KnowledgeBase
from backstride.kb.rules import Flat, Rule, compile_batch, list_index

# A strain explains pain only when bones are not thought weak (see derive._mechanical).
_MECHANICAL_SOURCES = (
    "pain.bony_tenderness",
    "pain.onset_trigger",
    "pain.worse_with",
    "pain.tender_spot",
    "age",
    "general.osteoporosis",
    "general.long_term_steroids",
    "history.diagnosed",
)
_CHEST_WALL_SOURCES = (
    *_MECHANICAL_SOURCES,
    "pain.constant",
    "pain.character",
    "pain.regions",
    "general.shortness_of_breath",
    "pain.duration_days",
    "pain.onset",
)
_LEG_SOURCES = ("neuro.leg_numbness", "neuro.leg_tingling", "neuro.leg_weakness")
_SEVERITY_SOURCES = ("pain.intensity_now", "pain.intensity_worst")
_POSTURAL_SOURCES = ("pain.worse_with", "pain.when")
# What shows working muscles (derive's `_muscles_at_work`).
_MUSCULAR_SOURCES = (
    "pain.character",
    "pain.muscle_spasm",
    "pain.better_with",
    "pain.onset_trigger",
    "pain.when",
)


def _sources(*groups: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name for group in groups for name in group))


# The answers each derived value reads (tests/engine/test_derive.py checks them): the
# questions that could change a derived value are the ones that could matter to its rules.
DERIVED_SOURCES = {
    "derived.leg_symptoms": _LEG_SOURCES,
    "derived.weekly_change_pct": ("running.weekly_km", "running.weekly_km_before"),
    "derived.long_run_spike_pct": ("running.long_run_km", "running.longest_run_prev_30d_km"),
    "derived.bmi": ("height_cm", "weight_kg"),
    "derived.between_runs": ("pain.when", "pain.constant"),
    "derived.trend": ("history.trend",),
    "derived.onset": ("pain.onset",),
    "derived.sex": ("sex",),
    "derived.dark_urine": ("general.dark_urine",),
    "derived.low_back": ("pain.regions",),
    "derived.trunk": ("pain.regions",),
    "derived.duration": ("pain.duration_days",),
    "derived.over_50": ("age",),
    "derived.claudication": (
        "age",
        "neuro.leg_pain_walking_eased_by_sitting",
        "pain.better_with",
        "history.diagnosed",
    ),
    "derived.postural": _POSTURAL_SOURCES,
    "derived.strain_signs": ("pain.worse_with", "pain.tender_spot"),
    "derived.knock_or_strain": ("pain.onset_trigger",),
    "derived.pulled_on_a_run": ("pain.onset", "pain.onset_trigger"),
    "derived.heat_explains": (
        "general.hot_day_low_fluids",
        "pain.onset",
        "pain.duration_days",
        "history.trend",
        *_SEVERITY_SOURCES,
        "pain.regions",
        "pain.when",
        "pain.worse_with",
        *HEAT_EXCLUDED,
    ),
    "derived.current": (
        "pain.intensity_now",
        "pain.constant",
        "pain.when",
        "pain.duration_days",
    ),
    "derived.chest_wall": _CHEST_WALL_SOURCES,
    "derived.young_chest_wall": (
        "age",
        *_CHEST_WALL_SOURCES,
        *_SEVERITY_SOURCES,
        *CHEST_WARNINGS,
    ),
    "derived.young_mild_strain": _sources(
        ("age", *_SEVERITY_SOURCES, "pain.worse_with", "pain.tender_spot"),
        _MUSCULAR_SOURCES,
        SWEAT_WARNINGS,
    ),
    "derived.young_effort_denied": (
        "age",
        *EFFORT_WARNINGS,
    ),
    "derived.mechanical": _MECHANICAL_SOURCES,
    "derived.muscular": _MUSCULAR_SOURCES,
    "derived.cramps_unexplained": (*_MUSCULAR_SOURCES, "general.hot_day_low_fluids"),
    "derived.cramp_or_spasm": ("pain.character", "pain.better_with", "pain.muscle_spasm"),
    "derived.moves_it": ("pain.worse_with", "pain.character"),
    "derived.strain_started": (
        "pain.onset_trigger",
        "pain.bony_tenderness",
        "age",
        "general.osteoporosis",
        "general.long_term_steroids",
        "history.diagnosed",
    ),
    "derived.weakness_stable": (
        "neuro.weakness_progressing",
        "pain.duration_days",
        "history.trend",
    ),
    "derived.managed_chronic": (
        "pain.duration_days",
        "history.trend",
        "history.diagnosed",
        "history.imaging_normal",
        "history.treatments_tried",
    ),
    "derived.home_care_tried": ("history.treatments_tried",),
    "derived.pain_severity": _SEVERITY_SOURCES,
    "derived.pain_now": ("pain.intensity_now",),
    "derived.soreness": _sources(
        ("pain.onset", "pain.onset_trigger"),
        _MUSCULAR_SOURCES,
        _POSTURAL_SOURCES,
        ("pain.bony_tenderness", "pain.constant", "pain.wakes_at_night", "history.trend"),
        _SEVERITY_SOURCES,
    ),
    "derived.facet_pattern": ("pain.worse_with", *_LEG_SOURCES, "pain.regions"),
    "derived.first_episode": ("history.previous_episodes",),
    "derived.known_spa": ("history.diagnosed",),
    "derived.spa_features": (
        "pain.wakes_at_night",
        "pain.regions",
        "pain.better_with",
        "general.family_history_spondyloarthritis",
        "general.psoriasis_ibd_or_uveitis",
        "pain.morning_stiffness_minutes",
    ),
    "derived.both_legs": _sources(
        ("pain.regions",),
        _LEG_SOURCES,
        _MUSCULAR_SOURCES,
        ("running.recent_changes", "pain.duration_days"),
    ),
}
MAX_QUESTIONS = 8
_CONTEXT_BOOST = 4.0
_OUT_OF_CONTEXT = 0.25


# A candidate question: (how much its answer could matter, how many open questions its red
# flag has (0 for a condition's), why it is asked, the level a red-flag answer would lead
# to). A plain tuple, since several are made for every case.
_Candidate = tuple[float, int, str, Level | None]


def _real_fields(names: frozenset[str] | list[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        out.extend(DERIVED_SOURCES.get(name, (name,)))
    return out


# An unanswered number is tried at both ends of its range: a rule compares it one way.
_NUMBER_ENDS = (0.0, 1000.0)


@cache
def _ends(name: str) -> tuple[float, float]:
    spec = rule_fields()[name]
    low = spec.minimum if spec.minimum is not None else _NUMBER_ENDS[0]
    high = spec.maximum if spec.maximum is not None else _NUMBER_ENDS[1]
    return low, high


def _leaves(node: tuple[Any, ...]) -> list[tuple[str, str, Any]]:
    """A parsed rule's conditions, as (field, operator, value)."""
    if node[0] == "leaf":
        return [(node[1], node[2], node[3])]
    return [leaf for part in node[1] for leaf in _leaves(part)]


def _imagined(name: str, leaves: list[tuple[str, str, Any]]) -> tuple[dict[str, object], ...]:
    """The answers to try for an unanswered field, as rule facts, one dict per answer: those
    the rule asks for. A yes/no as "yes" (and "no" if the rule asks for it); a choice as each
    value the rule names, and one it does not name when the rule asks for a value other
    than one; a list as holding every item (and as empty when the rule asks what it lacks);
    a number at both ends of its range, as a rule compares it one way."""
    spec = rule_fields()[name]
    ops = [(op, value) for field, op, value in leaves if field == name]
    if spec.kind == "bool":
        wanted = [True] + [False for op, value in ops if (op == "=") != (value is True)]
        return tuple({name: answer} for answer in dict.fromkeys(wanted))
    if spec.kind == "choice":
        named: list[object] = []
        for op, value in ops:
            named += value if op == "in" else [value] if op == "=" else []
        unequal = [value for op, value in ops if op == "!="]
        others = [c for c in spec.choices if c not in named and c not in unequal]
        if others and (not named or unequal):
            named.append("both" if "both" in others else others[-1])
        return tuple({name: answer} for answer in dict.fromkeys(named))
    if spec.kind == "list":
        every: list[object] = list(spec.choices)
        answers: list[dict[str, object]] = [{name: every, f"{name}#index": list_index(every)}]
        if any(op == "lacks" for op, _ in ops):
            answers.append({name: [], f"{name}#index": frozenset()})
        return tuple(answers)
    low, high = _ends(name)
    return ({name: low}, {name: high})


# How to imagine a flag's unanswered questions: per field read by its rule, the field, the
# key of its item index when it is a list (rule tests read it), and the answers to try.
_Plan = tuple[tuple[str, str | None, tuple[dict[str, object], ...]], ...]


def _plan(rule: Rule) -> _Plan:
    leaves = _leaves(rule.node)
    return tuple(
        (
            name,
            f"{name}#index" if rule_fields()[name].kind == "list" else None,
            _imagined(name, leaves),
        )
        for name in sorted(rule.fields)
    )


def _could_fire(rule: Rule, plan: _Plan, flat: Flat) -> bool:
    """Whether some answers to the flag's unanswered questions would make it fire: every
    combination of the answers `_imagined` tries for them is tested. The rule reads only its
    own fields, so it is tested on those alone."""
    facts: dict[str, object] = {}
    open_questions: list[tuple[dict[str, object], ...]] = []
    for name, index, answers in plan:
        if name in flat:
            facts[name] = flat[name]
            if index is not None and index in flat:
                facts[index] = flat[index]
        elif len(answers) == 1:
            facts.update(answers[0])
        else:
            open_questions.append(answers)
    if not open_questions:
        return rule.test(facts)
    for combination in itertools.product(*open_questions):
        for answer in combination:
            facts.update(answer)
        if rule.test(facts):
            return True
    return False


# A flag in weight order: (minus its weight, its id, its position in `contexts` or -1,
# whether it is weighted for the case being in that context (True), out of it (False), or
# has no context (None), and its position in the knowledge base's red flags).
_Ranked = tuple[float, str, int, bool | None, int]


def _ranked_by_level(kb: KnowledgeBase, with_context: list[str]) -> tuple[tuple[_Ranked, ...], ...]:
    """By the case's level, the flags that could raise it, heaviest first. A flag with a
    context appears twice, weighted in it and out of it; a case reads the one that fits."""
    out = []
    for current in range(len(LEVEL_ORDER)):
        ranked: list[_Ranked] = []
        for position, (fid, flag) in enumerate(kb.red_flags.items()):
            gain = LEVEL_ORDER[flag.level] - current
            if gain <= 0:
                continue  # answering could not raise the level
            weight = (1.0 + gain) * (0.3 if flag.strength == "weak" else 1.0)
            if not flag.ask_when:
                ranked.append((-weight, fid, -1, None, position))
                continue
            context = with_context.index(fid)
            ranked.append((-weight * _CONTEXT_BOOST, fid, context, True, position))
            ranked.append((-weight * _OUT_OF_CONTEXT, fid, context, False, position))
        out.append(tuple(sorted(ranked, key=lambda r: r[:3])))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class _Tables:
    """Per knowledge base: the askable case fields behind each flag and each finding."""

    flag_fields: dict[str, frozenset[str]]
    flag_plans: dict[str, tuple[Rule, _Plan]]
    flag_reason: dict[str, str]
    # By the case's level (its LEVEL_ORDER): the flags that could raise it, heaviest first
    # (see `_ranked_by_level`).
    by_level: tuple[tuple[_Ranked, ...], ...]
    # Whether the case makes each flag plausible ("ask_when"), answered all at once.
    contexts: Callable[[Flat], tuple[bool, ...]]
    # For each condition, every askable field its findings read, with the strongest weight.
    field_weights: dict[str, list[tuple[str, float]]]
    condition_reason: dict[str, str]


_TABLES: dict[str, _Tables] = {}


def _tables(kb: KnowledgeBase) -> _Tables:
    tables = _TABLES.get(kb.version)
    if tables is None:
        known = case_fields()
        flag_fields = {}
        for fid, flag in kb.red_flags.items():
            names = flag.screen or _real_fields(kb.rules[("red_flag", fid)].fields)
            flag_fields[fid] = frozenset(n for n in _real_fields(list(names)) if n in known)
        with_context = [fid for fid, f in kb.red_flags.items() if f.ask_when]
        contexts = compile_batch([kb.rules[("ask_when", fid)] for fid in with_context])
        field_weights: dict[str, list[tuple[str, float]]] = {}
        for cid, cond in kb.conditions.items():
            strongest: dict[str, float] = {}
            for i, finding in enumerate(cond.findings):
                weight = abs(math.log(finding.lr))
                for name in _real_fields(kb.rules[(cid, str(i))].fields):
                    if name in known:
                        strongest[name] = max(weight, strongest.get(name, 0.0))
            field_weights[cid] = sorted(strongest.items())
        flag_rules = {fid: kb.rules[("red_flag", fid)] for fid in kb.red_flags}
        tables = _Tables(
            flag_fields,
            {fid: (rule, _plan(rule)) for fid, rule in flag_rules.items()},
            {fid: f"Screens for a red flag: {f.label.lower()}." for fid, f in kb.red_flags.items()},
            _ranked_by_level(kb, with_context),
            contexts,
            field_weights,
            {
                cid: f"Helps tell whether this is {c.name[0].lower()}{c.name[1:]}."
                for cid, c in kb.conditions.items()
            },
        )
        _TABLES[kb.version] = tables
    return tables


def _flag_candidates(
    kb: KnowledgeBase, flat: Flat, level: Level, fired: set[str], could_fire: Sequence[bool]
) -> dict[str, _Candidate]:
    tables = _tables(kb)
    in_context = tables.contexts(flat)
    found: dict[str, _Candidate] = {}
    # Once enough questions are found, the last place in the list, as (minus its weight, its
    # flag's open questions, its field): the list is sorted that way, so a field that sorts
    # after it cannot get in.
    last_place: tuple[float, int, str] | None = None
    # Heaviest flags first: a field keeps the heaviest flag that claims it and, among flags
    # as heavy, the one fewest answers away from firing (asked first: it is the likelier
    # to fire), so once the list is full, lighter flags cannot change it and are not
    # examined, and flags of the same weight only for fields that would sort into it.
    for negative, fid, context, weighted_in, position in tables.by_level[LEVEL_ORDER[level]]:
        if last_place is not None and negative > last_place[0]:
            break
        if context >= 0 and in_context[context] is not weighted_in:
            continue  # the flag's other weight is the one that fits this case
        # `could_fire` is a cheap upper bound: False there means no answers could fire it.
        if fid in fired or not could_fire[position]:
            continue
        rule, plan = tables.flag_plans[fid]
        opens = sum(1 for name, _, _ in plan if name not in flat)
        new = [
            name
            for name in tables.flag_fields[fid]
            if name not in flat
            and ((held := found.get(name)) is None or (held[0] == -negative and held[1] > opens))
        ]
        if last_place is not None:
            new = [name for name in new if (negative, opens, name) < last_place]
        if new and _could_fire(rule, plan, flat):
            for name in new:
                found[name] = (-negative, opens, tables.flag_reason[fid], kb.red_flags[fid].level)
            if len(found) >= MAX_QUESTIONS:
                last_place = sorted(_place(*item) for item in found.items())[MAX_QUESTIONS - 1]
    return found


def _place(field: str, candidate: _Candidate) -> tuple[float, int, str]:
    """Where a candidate question sorts: the weightiest first, then the one whose red flag
    has fewest open questions, then by field."""
    weight, opens, _, _ = candidate
    return -weight, opens, field


def _condition_candidates(
    ranked: list[ConditionScore], kb: KnowledgeBase, flat: Flat
) -> dict[str, _Candidate]:
    tables = _tables(kb)
    found: dict[str, _Candidate] = {}
    for score in ranked[:3]:
        cid = score.condition.id
        for name, weight in tables.field_weights[cid]:
            if name in flat:
                continue
            value = weight * score.probability
            held = found.get(name)
            if held is None or value > held[0]:
                found[name] = (value, 0, tables.condition_reason[cid], None)
    return found


def missing_questions(
    kb: KnowledgeBase,
    flat: Flat,
    level: Level,
    fired: set[str],
    ranked: list[ConditionScore],
    could_fire: Sequence[bool],
) -> list[MissingQuestion]:
    """The questions worth asking next. `could_fire[i]` False says answers to the missing
    fields could not make the knowledge base's i-th red flag fire (see `compile_batch`)."""
    flags = _flag_candidates(kb, flat, level, fired, could_fire)
    conditions = _condition_candidates(ranked, kb, flat)
    # Red-flag questions come first: they can change where the runner should go.
    ordered = sorted(flags.items(), key=lambda item: _place(*item))
    ordered += sorted(
        ((k, v) for k, v in conditions.items() if k not in flags),
        key=lambda item: _place(*item),
    )
    return [_question(name, why, level) for name, (_, _, why, level) in ordered[:MAX_QUESTIONS]]


@cache
def _question(field: str, why: str, level: Level | None) -> MissingQuestion:
    """Questions repeat across cases; a validated instance is reused as it is."""
    return MissingQuestion(field=field, why=why, could_raise_to=level)
