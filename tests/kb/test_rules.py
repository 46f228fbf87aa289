"""The rule language's batch form, including its upper bound for unanswered questions."""

from __future__ import annotations

import pytest

from backstride.kb.rules import Flat, compile_batch, compile_rule

RULES = [
    "age >= 50 and pain.constant",
    "pain.regions has buttock or general.fever",
    "neuro.leg_numbness in [left, right, both] and pain.character lacks [aching]",
    "sex != male and derived.over_50",
]
CASES: list[Flat] = [
    {},
    {"age": 30},
    {"age": 60, "pain.constant": True},
    {"age": 60, "pain.constant": False},
    {"pain.regions": ["buttock:left"], "general.fever": False},
    {"pain.regions": ["lower_back:central"]},
    {"neuro.leg_numbness": "none", "pain.character": ["sharp"]},
    {"neuro.leg_numbness": "left", "pain.character": ["aching"]},
    {"sex": "female", "derived.over_50": False},
    {"sex": "female", "derived.over_50": False, "age": 40},
]


@pytest.mark.parametrize("flat", CASES)
def test_a_batch_answers_as_each_rule_does(flat: Flat) -> None:
    rules = [compile_rule(text) for text in RULES]
    assert compile_batch(rules)(flat) == tuple(rule.test(flat) for rule in rules)


@pytest.mark.parametrize(
    ("flat", "possible"),
    [
        ({}, (True, True, True, True)),
        ({"age": 30}, (False, True, True, True)),
        ({"age": 60, "pain.constant": False}, (False, True, True, True)),
        ({"pain.regions": ["lower_back:central"]}, (True, True, True, True)),
        (
            {"pain.regions": ["lower_back:central"], "general.fever": False},
            (True, False, True, True),
        ),
        ({"neuro.leg_numbness": "none"}, (True, True, False, True)),
        ({"neuro.leg_numbness": "left", "pain.character": ["aching"]}, (True, True, False, True)),
        ({"sex": "male"}, (True, True, True, False)),
        # A worked-out value stays open while a field it is worked out from is unanswered.
        ({"sex": "female", "derived.over_50": False}, (True, True, True, True)),
        ({"sex": "female", "derived.over_50": False, "age": 40}, (False, True, True, False)),
    ],
)
def test_with_unanswered_questions_a_batch_says_what_answers_could_still_make_true(
    flat: Flat, possible: tuple[bool, ...]
) -> None:
    rules = [compile_rule(text) for text in RULES]
    batch = compile_batch(
        rules, unanswered_may_match=True, depends_on={"derived.over_50": ("age",)}
    )
    assert batch(flat) == possible


@pytest.mark.parametrize("flat", CASES)
def test_what_is_true_is_always_still_possible(flat: Flat) -> None:
    rules = [compile_rule(text) for text in RULES]
    upper = compile_batch(rules, unanswered_may_match=True)(flat)
    assert all(up or not now for up, now in zip(upper, compile_batch(rules)(flat), strict=True))


@pytest.mark.parametrize(
    ("flat", "possible"),
    [
        # age >= 50 and pain.constant, with pain.constant reopened: the age decides.
        ({"age": 60, "pain.constant": False}, (True, True)),
        ({"age": 30, "pain.constant": False}, (False, True)),
        # derived.over_50 is worked out from the reopened age, so it is open too.
        ({"sex": "female", "age": 40, "derived.over_50": False}, (False, True)),
        ({"sex": "male", "age": 60, "derived.over_50": True}, (True, False)),
    ],
)
def test_reopened_fields_count_as_unanswered_whatever_the_case_says(
    flat: Flat, possible: tuple[bool, bool]
) -> None:
    rules = [compile_rule(RULES[0]), compile_rule(RULES[3])]
    batch = compile_batch(
        rules,
        unanswered_may_match=True,
        depends_on={"derived.over_50": ("age",)},
        reopened=[{"pain.constant"}, {"age"}],
    )
    assert batch(flat) == possible
