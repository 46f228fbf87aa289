"""Rank conditions by weighted evidence: prior odds times the likelihood ratios that match.

Each condition's probability is computed on its own (a runner can have more than one problem),
then the list is sorted. Overlapping findings share a group and only the strongest of a group
counts, so one symptom described three ways is not counted three times. Scoring uses the rules'
fast yes/no form; the findings behind a score are spelled out only for the conditions shown.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import compress

from backstride.kb.loader import KnowledgeBase
from backstride.kb.rules import Compiled, Flat, Rule, Test, compile_batch
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


# Built for every case: a plain slotted class, since frozen dataclasses are slow to create.
@dataclass(slots=True)
class ConditionScore:
    condition: Condition
    probability: float
    matched: tuple[WeightedFinding, ...]
    # Findings added from outside the condition's own evidence (a red flag pointing at it).
    extra_supporting: tuple[str, ...] = field(default=())

    def explain(
        self, flat: Flat, memo: dict[str, list[str]] | None = None
    ) -> tuple[list[str], list[str]]:
        """The case findings for and against, as `field=value` strings. `memo` shares the
        evidence of a rule between the conditions that use it."""
        memo = {} if memo is None else memo
        supporting: list[str] = []
        against: list[str] = []
        for finding in self.matched:
            evidence = memo.get(finding.text)
            if evidence is None:
                evidence = memo[finding.text] = finding.explain(flat) or []
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
    """The models; the distinct rules of all their findings (many conditions share a rule
    such as "general.fever") compiled into one function that answers them all at once; and
    for each rule the findings that use it, as (model, finding, group key, log LR)."""

    models: tuple[ConditionModel, ...]
    answer_all: Callable[[Flat], tuple[bool, ...]]
    users: tuple[tuple[tuple[int, WeightedFinding, str | None, float], ...], ...]
    # The score of a model none of whose findings matched: its prior (shared, never mutated).
    unmatched: tuple[ConditionScore, ...]


def build_index(models: tuple[ConditionModel, ...], rules: dict[str, Rule]) -> ScoringIndex:
    numbers: dict[str, int] = {}
    users: list[list[tuple[int, WeightedFinding, str | None, float]]] = []
    for i, model in enumerate(models):
        for finding in model.findings:
            number = numbers.setdefault(finding.text, len(users))
            if number == len(users):
                users.append([])
            group = None
            if finding.group is not None:
                group = f"{finding.group}{'+' if finding.log_lr > 0 else '-'}"
            users[number].append((i, finding, group, finding.log_lr))
    return ScoringIndex(
        models,
        compile_batch([rules[text] for text in numbers]),
        tuple(tuple(u) for u in users),
        tuple(ConditionScore(m.condition, m.prior, ()) for m in models),
    )


def rank_conditions(index: ScoringIndex, flat: Flat) -> list[ConditionScore]:
    """Every condition with its probability, most likely first (ties broken by id)."""
    matched: dict[int, list[WeightedFinding]] = {}
    # Per (condition, group): the strongest matched finding of the group, in one direction.
    strongest: dict[tuple[int, str], WeightedFinding] = {}
    answers = index.answer_all(flat)
    for number in compress(range(len(answers)), answers):
        for i, finding, group, log_lr in index.users[number]:
            if group is None:
                found = matched.get(i)
                if found is None:
                    matched[i] = [finding]
                else:
                    found.append(finding)
                continue
            held = strongest.get((i, group))
            if held is None or abs(log_lr) > abs(held.log_lr):
                strongest[(i, group)] = finding
    for (i, _), finding in strongest.items():  # after the condition's ungrouped findings
        found = matched.get(i)
        if found is None:
            matched[i] = [finding]
        else:
            found.append(finding)
    models = index.models
    ordered: list[tuple[float, str, int, list[WeightedFinding] | None]] = []
    for i, found in matched.items():
        model = models[i]
        log_odds = model.log_prior_odds
        for finding in found:
            log_odds += finding.log_lr
        probability = 1.0 / (1.0 + math.exp(-log_odds))
        ordered.append((-probability, model.condition.id, i, found))
    for i, score in enumerate(index.unmatched):
        if i not in matched:
            ordered.append((-score.probability, score.condition.id, i, None))
    ordered.sort()  # by probability, then id (ids differ, so nothing further is compared)
    return [
        index.unmatched[i]
        if found is None
        else ConditionScore(models[i].condition, -negative, tuple(found))
        for negative, _, i, found in ordered
    ]


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
    lifted = False
    for score in ranked:
        lift = floors.get(score.condition.id)
        if lift is None or lift[0] <= score.probability:
            out.append(score)
            continue
        out.append(ConditionScore(score.condition, lift[0], score.matched, tuple(lift[1])))
        lifted = True
    if not lifted:
        return out  # still in order
    # Conditions lifted to the same floor keep the order of their own evidence among themselves.
    own = {score.condition.id: score.probability for score in ranked}
    out.sort(key=lambda s: (-s.probability, -own[s.condition.id], s.condition.id))
    return out
