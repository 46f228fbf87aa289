"""Rank conditions by weighted evidence: prior odds times the likelihood ratios that match.

Each condition's probability is computed on its own (a runner can have more than one problem),
then the list is sorted. Overlapping findings share a group and only the strongest of a group
counts, so one symptom described three ways is not counted three times. Scoring uses the rules'
fast yes/no form; the findings behind a score are spelled out only for the conditions shown.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from backstride.kb.loader import KnowledgeBase
from backstride.kb.rules import Compiled, Flat, Test
from backstride.kb.schema import Condition


@dataclass(frozen=True, slots=True)
class WeightedFinding:
    test: Test
    explain: Compiled
    fields: frozenset[str]
    log_lr: float
    group: str | None
    text: str


@dataclass(frozen=True, slots=True)
class ConditionModel:
    condition: Condition
    log_prior_odds: float
    findings: tuple[WeightedFinding, ...]

    @property
    def prior(self) -> float:
        return self.condition.prior


@dataclass(frozen=True, slots=True)
class ConditionScore:
    condition: Condition
    probability: float
    matched: tuple[WeightedFinding, ...]
    # Findings added from outside the condition's own evidence (a red flag pointing at it).
    extra_supporting: tuple[str, ...] = field(default=())

    def explain(self, flat: Flat) -> tuple[list[str], list[str]]:
        """The case findings for and against, as `field=value` strings."""
        supporting: list[str] = []
        against: list[str] = []
        for finding in self.matched:
            evidence = finding.explain(flat) or []
            (supporting if finding.log_lr > 0 else against).extend(evidence)
        supporting.extend(self.extra_supporting)
        return list(dict.fromkeys(supporting)), list(dict.fromkeys(against))


def build_models(kb: KnowledgeBase) -> tuple[ConditionModel, ...]:
    models = []
    for cid, cond in kb.conditions.items():
        findings = []
        for i, f in enumerate(cond.findings):
            rule = kb.rules[(cid, str(i))]
            findings.append(
                WeightedFinding(
                    rule.test, rule.evaluate, rule.fields, math.log(f.lr), f.group, rule.text
                )
            )
        prior = cond.prior
        models.append(ConditionModel(cond, math.log(prior / (1 - prior)), tuple(findings)))
    return tuple(models)


@dataclass(frozen=True, slots=True)
class ScoringIndex:
    """The models; the distinct rule tests of all their findings (many conditions share a rule
    such as "general.fever", which is then tested once per case) with the findings that use
    each test; and for every case field the tests that read it."""

    models: tuple[ConditionModel, ...]
    tests: tuple[Test, ...]
    users: tuple[tuple[tuple[int, WeightedFinding], ...], ...]  # per test: (model, finding)
    by_field: dict[str, frozenset[int]]


def build_index(models: tuple[ConditionModel, ...]) -> ScoringIndex:
    numbers: dict[str, int] = {}
    tests: list[Test] = []
    users: list[list[tuple[int, WeightedFinding]]] = []
    by_field: dict[str, set[int]] = {}
    for i, model in enumerate(models):
        for finding in model.findings:
            number = numbers.setdefault(finding.text, len(tests))
            if number == len(tests):
                tests.append(finding.test)
                users.append([])
            users[number].append((i, finding))
            for name in finding.fields:
                by_field.setdefault(name, set()).add(number)
    return ScoringIndex(
        models,
        tuple(tests),
        tuple(tuple(u) for u in users),
        {k: frozenset(v) for k, v in by_field.items()},
    )


def rank_conditions(index: ScoringIndex, flat: Flat) -> list[ConditionScore]:
    """Every condition with its probability, most likely first (ties broken by id)."""
    # Every leaf of a rule is false on an absent field, so only tests that read a reported
    # field can be true; each is evaluated once for all the findings that share it.
    empty: frozenset[int] = frozenset()
    candidates = empty.union(*(index.by_field.get(key, empty) for key in flat))
    matched: dict[int, list[WeightedFinding]] = {}
    best: dict[int, dict[str, WeightedFinding]] = {}
    tests, users = index.tests, index.users
    for number in sorted(candidates):
        if not tests[number](flat):
            continue
        for i, finding in users[number]:
            if finding.group is None:
                matched.setdefault(i, []).append(finding)
                continue
            # Only the strongest matched finding of a group (per direction) counts.
            key = f"{finding.group}{'+' if finding.log_lr > 0 else '-'}"
            groups = best.setdefault(i, {})
            held = groups.get(key)
            if held is None or abs(finding.log_lr) > abs(held.log_lr):
                groups[key] = finding
    scores = []
    for i, model in enumerate(index.models):
        found = matched.get(i, [])
        if i in best:
            found = found + list(best[i].values())
        if not found:
            scores.append(ConditionScore(model.condition, model.prior, ()))
            continue
        log_odds = model.log_prior_odds + sum(f.log_lr for f in found)
        probability = 1.0 / (1.0 + math.exp(-log_odds))
        scores.append(ConditionScore(model.condition, probability, tuple(found)))
    scores.sort(key=_rank_key)
    return scores


def _rank_key(score: ConditionScore) -> tuple[float, str]:
    return (-score.probability, score.condition.id)


def promote_flagged(
    ranked: list[ConditionScore], flagged: list[tuple[str, float, list[str]]]
) -> list[ConditionScore]:
    """Give each condition named by a fired red flag at least the flag's floor probability.

    A red flag is a pattern recognised as pointing at a serious condition; the person must see
    that condition near the top of the list, whatever the weaker evidence says. `flagged` holds
    (condition id, floor, the flag's findings).
    """
    floors: dict[str, tuple[float, list[str]]] = {}
    for cid, floor, findings in flagged:
        held = floors.get(cid)
        if held is None or floor > held[0]:
            floors[cid] = (floor, findings)
    if not floors:
        return ranked
    out = []
    for score in ranked:
        lift = floors.get(score.condition.id)
        if lift is None or lift[0] <= score.probability:
            out.append(score)
            continue
        out.append(ConditionScore(score.condition, lift[0], score.matched, tuple(lift[1])))
    out.sort(key=lambda s: (-s.probability, s.condition.id))
    return out
