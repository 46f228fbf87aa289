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


# Every leaf form the batch writer has: words, numbers and yes/no written as literals, sets
# of words as set displays, `has_any` of a few items as membership tests and of more as
# `isdisjoint`, numbers compared only when they are numbers (a yes/no is not 1).
LEAF_FORMS = [
    "pain.character has_any [shooting, tingling]",
    "pain.character has_any [shooting, tingling, burning, aching]",
    "pain.regions has buttock",
    "age > 49.5 and pain.intensity_now <= 3",
    "pain.onset in [sudden, gradual] and sex != female",
    "pain.constant = true or general.fever = false",
    "pain.character lacks [aching, sharp]",
]
LEAF_CASES: list[Flat] = [
    {},
    {"pain.character": ["tingling"], "pain.regions": ["buttock:left"], "age": 50},
    {"pain.character": ["aching", "burning"], "age": True, "pain.intensity_now": 2},
    {"pain.character": ["sharp"], "age": 49.5, "pain.intensity_now": 3.0, "sex": "male"},
    {"pain.onset": "gradual", "sex": "female", "pain.constant": False, "general.fever": False},
    {"pain.regions": ["lower_back:central"], "pain.onset": "sudden", "pain.constant": True},
]


@pytest.mark.parametrize("flat", LEAF_CASES)
def test_every_leaf_form_answers_as_the_rule_does_and_answers_are_booleans(flat: Flat) -> None:
    rules = [compile_rule(text) for text in LEAF_FORMS]
    for batch in (compile_batch(rules), compile_batch(rules, unanswered_may_match=True)):
        answers = batch(flat)
        assert all(type(answer) is bool for answer in answers)  # read with `is` by callers
    assert compile_batch(rules)(flat) == tuple(rule.test(flat) for rule in rules)
    assert compile_batch(rules)(flat) == tuple(rule(flat) is not None for rule in rules)


def test_the_engines_batches_answer_in_booleans() -> None:
    """The engine's own rule sets, on cases of every kind: the question order reads the
    contexts' answers with `is`, so a truthy non-boolean would be misread."""
    from backstride.contract.case import Case
    from backstride.engine.assess import default_engine
    from backstride.engine.derive import case_facts
    from backstride.engine.questions import _tables
    from backstride.engine.triage import _index
    from tests.engine.probed_cases import FOURTH_SERIES_SERIOUS

    engine = default_engine()
    batches = [engine.could_fire, engine.index.answer_all, _tables(engine.kb).contexts]
    batches += [_index(engine.kb, kind).answer_all for kind in ("red_flag", "course", "factor")]
    for case in [{}, *(case for _, case, _ in FOURTH_SERIES_SERIOUS[:40])]:
        flat = case_facts(Case.model_validate(case))
        for batch in batches:
            assert all(type(answer) is bool for answer in batch(flat))


def test_a_region_marked_on_the_left_and_the_right_reads_as_both_sides() -> None:
    both = compile_rule("pain.regions has foot:both")
    assert both.test({"pain.regions": ["foot:left", "foot:right"]})
    assert both.test({"pain.regions": ["foot:both"]})
    assert not both.test({"pain.regions": ["foot:left", "thigh_front:right"]})
    # "both" does not become one side: a band round both flanks is not a one-sided pain.
    assert not compile_rule("pain.regions has flank:left").test({"pain.regions": ["flank:both"]})
