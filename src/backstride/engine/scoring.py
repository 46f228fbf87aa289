"""Rank conditions by weighted evidence: prior odds times the likelihood ratios that match.

Each condition's probability is computed on its own (a runner can have more than one problem),
then the list is sorted. Overlapping findings share a group and only the strongest of a group
counts, so one symptom described three ways is not counted three times.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from backstride.kb.loader import KnowledgeBase
from backstride.kb.rules import Flat, Rule
from backstride.kb.schema import Condition


@dataclass(frozen=True, slots=True)
class WeightedFinding:
    rule: Rule
    log_lr: float
    group: str | None


@dataclass(frozen=True, slots=True)
class ConditionModel:
    condition: Condition
    log_prior_odds: float
    findings: tuple[WeightedFinding, ...]


@dataclass(frozen=True, slots=True)
class ConditionScore:
    condition: Condition
    probability: float
    supporting: list[str]
    against: list[str]


def build_models(kb: KnowledgeBase) -> tuple[ConditionModel, ...]:
    models = []
    for cid, cond in kb.conditions.items():
        findings = tuple(
            WeightedFinding(kb.rules[(cid, str(i))], math.log(f.lr), f.group)
            for i, f in enumerate(cond.findings)
        )
        prior = cond.prior
        models.append(ConditionModel(cond, math.log(prior / (1 - prior)), findings))
    return tuple(models)


def _score(model: ConditionModel, flat: Flat) -> ConditionScore:
    log_odds = model.log_prior_odds
    supporting: list[str] = []
    against: list[str] = []
    # Strongest matched finding per group: (log_lr, evidence).
    best: dict[str, tuple[float, list[str]]] = {}
    for finding in model.findings:
        evidence = finding.rule(flat)
        if evidence is None:
            continue
        if finding.group is None:
            log_odds += finding.log_lr
            (supporting if finding.log_lr > 0 else against).extend(evidence)
            continue
        key = f"{finding.group}{'+' if finding.log_lr > 0 else '-'}"
        held = best.get(key)
        if held is None or abs(finding.log_lr) > abs(held[0]):
            best[key] = (finding.log_lr, evidence)
    for log_lr, evidence in best.values():
        log_odds += log_lr
        (supporting if log_lr > 0 else against).extend(evidence)
    probability = 1.0 / (1.0 + math.exp(-log_odds))
    return ConditionScore(
        model.condition, probability, list(dict.fromkeys(supporting)), list(dict.fromkeys(against))
    )


def rank_conditions(models: tuple[ConditionModel, ...], flat: Flat) -> list[ConditionScore]:
    """Every condition with its probability, most likely first (ties broken by id)."""
    scores = [_score(model, flat) for model in models]
    scores.sort(key=lambda s: (-s.probability, s.condition.id))
    return scores


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
        supporting = list(dict.fromkeys(score.supporting + lift[1]))
        out.append(ConditionScore(score.condition, lift[0], supporting, score.against))
    out.sort(key=lambda s: (-s.probability, s.condition.id))
    return out
