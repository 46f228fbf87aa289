"""The guided interview: its definitions, its branching and the terminal front end."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import typer
from rich.console import Console
from typer.testing import CliRunner

from backstride.contract.case import Case, flatten
from backstride.contract.fields import case_fields
from backstride.contract.result import Level
from backstride.contract.validate import parse_case
from backstride.engine.assess import assess
from backstride.errors import UserError
from backstride.interview import (
    BODY_MAP,
    Question,
    active_answers,
    answers_to_case,
    case_to_answers,
    check_definitions,
    describe_answer,
    next_step_index,
    parse_answer,
    previous_step_index,
    progress,
    question,
    steps,
    visible_questions,
    visible_steps,
)

SCREEN = next(s for s in steps() if s.id == "red_flags")
NEURO_FOLLOW_UPS = [
    q.id for s in steps() if s.id == "legs" for q in s.questions if q.id.startswith("neuro.")
]


def shown_ids(answers: dict[str, Any]) -> set[str]:
    return {q.id for s in visible_steps(answers) for q in visible_questions(s, answers)}


def nested(field: str, value: object) -> dict[str, Any]:
    if field == "pain.regions" and isinstance(value, list):
        value = [dict(zip(("region", "side"), v.split(":"), strict=True)) for v in value]
    section, _, name = field.rpartition(".")
    return {section: {name: value}} if section else {name: value}


# --- The definitions --------------------------------------------------------------------------


def test_the_definitions_have_no_problems() -> None:
    assert check_definitions() == []


def test_every_question_fills_a_real_case_field_once() -> None:
    ids = [q.id for s in steps() for q in s.questions]
    assert set(ids) <= set(case_fields())
    assert len(ids) == len(set(ids))


def test_the_issue_s_questions_are_all_there() -> None:
    wanted = {
        "age", "sex", "height_cm", "weight_kg", "pain.regions", "pain.character",
        "pain.constant", "pain.intensity_now", "pain.intensity_worst", "pain.onset",
        "pain.onset_trigger", "pain.duration_days", "pain.when", "pain.worse_with",
        "pain.better_with", "pain.morning_stiffness_minutes", "pain.wakes_at_night",
        "pain.tender_spot", "pain.bony_tenderness", "pain.muscle_spasm", "pain.swelling",
        "pain.bruising_over_spine", "general.pain_with_exertion_not_movement",
        "general.fainting_or_dizziness", "general.pulsatile_abdominal_mass",
        "general.known_aortic_aneurysm", "neuro.new_sexual_dysfunction",
        "neuro.unsteady_walking", "general.osteoporosis", "general.long_term_steroids",
        "general.iv_drug_use", "general.immunosuppressed",
        "general.recent_infection_or_spinal_procedure", "general.urinary_symptoms",
        "neuro.leg_numbness", "neuro.leg_tingling", "neuro.leg_weakness",
        "neuro.weakness_progressing", "neuro.foot_drop",
        "neuro.leg_pain_walking_eased_by_sitting",
        "neuro.leg_pain_walking_eased_by_standing_still", "history.previous_episodes",
        "history.diagnosed", "history.imaging_normal", "history.previous_stress_fracture",
        "history.treatments_tried", "history.trend", "general.menstrual_irregularity",
        "general.restricted_eating", "general.months_since_childbirth",
        "general.hot_day_low_fluids",
        *(f for f in case_fields() if f.startswith("running.")),
    }  # fmt: skip
    assert wanted <= {q.id for s in steps() for q in s.questions}


def test_the_body_map_covers_every_contract_region() -> None:
    spec = case_fields()["pain.regions"]
    assert {a.region for a in BODY_MAP} == {c for c in spec.choices if ":" not in c}
    for area in BODY_MAP:
        for side in area.sides:
            assert f"{area.region}:{side}" in spec.choices


def _sample_inputs(q: Question) -> Iterator[str]:
    if q.kind == "yes_no":
        yield from ("yes", "no", "Y", "n")
    elif q.kind == "number":
        low = q.minimum if q.minimum is not None else 0
        high = q.maximum if q.maximum is not None else 100
        yield from (f"{low:g}", f"{high:g}", f"{int((low + high) // 2)}")
        if not q.integer:
            yield f"{low + 0.5:g}"
    elif q.kind == "choice":
        for number, choice in enumerate(q.choices, start=1):
            yield from (str(number), choice.value, choice.label)
    elif q.kind == "multi_choice":
        yield "none"
        yield ", ".join(str(n) for n in range(1, len(q.choices) + 1))
        yield ",".join(c.value for c in q.choices)
    else:
        for number, area in enumerate(BODY_MAP, start=1):
            yield from (f"{area.region}:{side}" for side in area.sides)
            yield f"{number} {area.sides[-1]}"
        yield ", ".join(f"{a.region}:both" for a in BODY_MAP)


@pytest.mark.parametrize("q", [q for s in steps() for q in s.questions], ids=lambda q: q.id)
def test_every_value_an_answer_can_produce_validates(q: Question) -> None:
    for raw in _sample_inputs(q):
        value = parse_answer(q, raw)
        assert value is not None, raw
        case = parse_case(nested(q.id, value))
        assert flatten(case)[q.id] == value, raw


@pytest.mark.parametrize("q", [q for s in steps() for q in s.questions], ids=lambda q: q.id)
def test_not_sure_leaves_every_field_absent(q: Question) -> None:
    assert parse_answer(q, "not sure") is None
    assert parse_answer(q, "skip") is None


def test_a_bad_answer_names_the_question_the_value_and_what_is_allowed() -> None:
    with pytest.raises(UserError) as caught:
        parse_answer(question("pain.intensity_now"), "12")
    assert str(caught.value) == (
        "pain.intensity_now: '12' is not allowed; expected a number from 0 to 10, or not sure"
    )
    with pytest.raises(UserError, match=r"^age: '40\.5' is not allowed; expected a whole number"):
        parse_answer(question("age"), "40.5")
    with pytest.raises(UserError, match=r"^sex: 'robot' is not allowed; .*female, male, other"):
        parse_answer(question("sex"), "robot")
    with pytest.raises(UserError, match=r"^pain\.regions: 'buttock' .*a side for buttock"):
        parse_answer(question("pain.regions"), "buttock")
    with pytest.raises(UserError, match=r"'elbow' is not an area"):
        parse_answer(question("pain.regions"), "lower_back, elbow:left")
    for message in (str(caught.value),):
        assert "\n" not in message


def test_an_empty_answer_skips_an_ordinary_question_but_not_a_red_flag() -> None:
    assert parse_answer(question("pain.swelling"), "") is None
    with pytest.raises(UserError, match=r"^neuro\.saddle_numbness: an empty answer"):
        parse_answer(question("neuro.saddle_numbness"), "  ")


def test_answers_are_read_generously() -> None:
    regions = question("pain.regions")
    assert parse_answer(regions, "lower back, 6:right, Foot L") == [
        "lower_back:central",
        "buttock:right",
        "foot:left",
    ]
    assert parse_answer(question("pain.character"), "1, tingling, Sharp, 1") == [
        "aching",
        "tingling",
        "sharp",
    ]
    assert parse_answer(question("pain.intensity_now"), "7/10") == 7
    assert parse_answer(question("running.weekly_km"), "42,5 km") == 42.5
    assert parse_answer(question("running.recent_changes"), "none") == []
    assert parse_answer(question("neuro.leg_weakness"), "Left leg") == "left"


def test_describe_answer_uses_the_runner_s_words() -> None:
    assert describe_answer(question("pain.regions"), ["lower_back:central", "buttock:left"]) == (
        "Lower back (in the middle), Buttock (left side)"
    )
    assert describe_answer(question("pain.duration_days"), 5.0) == "5 days"
    assert describe_answer(question("pain.constant"), False) == "no"


# --- Branching --------------------------------------------------------------------------------

PERSONAS: dict[str, dict[str, Any]] = {
    "nothing answered": {},
    "young man, lower back": {"age": 24, "sex": "male", "pain.regions": ["lower_back:central"]},
    "older woman, chest and leg": {
        "age": 67,
        "sex": "female",
        "pain.regions": ["chest:central", "below_knee:left"],
        "general.fever": True,
    },
}


@pytest.mark.parametrize("answers", PERSONAS.values(), ids=PERSONAS.keys())
def test_the_red_flag_screen_is_always_asked_in_full(answers: dict[str, Any]) -> None:
    assert SCREEN.ask_if is None
    assert all(q.red_flag and q.ask_if is None for q in SCREEN.questions)
    assert SCREEN in visible_steps(answers)
    assert visible_questions(SCREEN, answers) == list(SCREEN.questions)
    screened = {q.id for q in SCREEN.questions}
    assert {
        "neuro.saddle_numbness", "neuro.urinary_retention", "neuro.urinary_incontinence",
        "neuro.bowel_incontinence", "general.fever", "general.feeling_very_unwell",
        "general.history_of_cancer", "general.unexplained_weight_loss", "general.chest_pain",
        "general.shortness_of_breath", "general.sweating_or_nausea", "general.dark_urine",
    } <= screened  # fmt: skip
    assert "major_trauma" in {c.value for c in question("pain.onset_trigger").choices}


def test_no_nerve_follow_ups_without_leg_symptoms() -> None:
    answers = {"age": 35, "pain.regions": ["lower_back:central"], "pain.character": ["aching"]}
    assert "legs" not in [s.id for s in visible_steps(answers)]
    assert not set(NEURO_FOLLOW_UPS) & shown_ids(answers)


@pytest.mark.parametrize(
    "answers",
    [
        {"pain.regions": ["lower_back:central", "thigh_back:left"]},
        {"pain.regions": ["below_knee:right"]},
        {"pain.regions": ["groin:left"]},
        {"pain.regions": ["lower_back:central"], "pain.character": ["shooting"]},
        {"pain.character": ["burning"]},
    ],
)
def test_nerve_questions_are_asked_when_pain_reaches_the_leg(answers: dict[str, Any]) -> None:
    shown = shown_ids(answers)
    assert {"neuro.leg_numbness", "neuro.leg_tingling", "neuro.leg_weakness"} <= shown
    assert {"neuro.new_sexual_dysfunction", "neuro.unsteady_walking"} <= shown
    # Weakness follow-ups wait for a weak leg.
    assert "neuro.foot_drop" not in shown
    weak = shown_ids({**answers, "neuro.leg_weakness": "left"})
    assert {"neuro.foot_drop", "neuro.weakness_progressing"} <= weak
    assert "neuro.foot_drop" not in shown_ids({**answers, "neuro.leg_weakness": "none"})


FOLLOW_UPS = [
    # (answers, fields that must be asked, fields that must not)
    ({"age": 30, "pain.regions": ["lower_back:central"]}, [], ["general.fainting_or_dizziness"]),
    ({"age": 30, "pain.regions": ["between_shoulder_blades:central"]},
     ["general.pain_with_exertion_not_movement", "general.fainting_or_dizziness"],
     ["general.pulsatile_abdominal_mass"]),
    ({"age": 44}, ["general.pain_with_exertion_not_movement"], ["general.osteoporosis"]),
    ({"age": 55, "pain.regions": ["lower_back:central"]},
     ["general.pulsatile_abdominal_mass", "general.known_aortic_aneurysm",
      "general.osteoporosis", "general.long_term_steroids"], []),
    ({"age": 55, "pain.regions": ["neck:central"]}, [], ["general.pulsatile_abdominal_mass"]),
    ({"age": 25, "pain.onset_trigger": "minor_fall"}, ["general.osteoporosis"], []),
    ({"age": 25, "general.fever": True},
     ["general.iv_drug_use", "general.immunosuppressed",
      "general.recent_infection_or_spinal_procedure", "general.urinary_symptoms"], []),
    ({"age": 25, "pain.constant": True, "pain.wakes_at_night": True},
     ["general.iv_drug_use"], ["general.urinary_symptoms"]),
    ({"age": 25, "general.fever": False}, [], ["general.iv_drug_use"]),
    ({"pain.regions": ["flank:left"]}, ["general.urinary_symptoms"], []),
    ({"sex": "female"}, ["general.menstrual_irregularity", "general.months_since_childbirth"], []),
    ({"sex": "male"}, [], ["general.menstrual_irregularity", "general.restricted_eating"]),
    ({"age": 30, "pain.regions": ["foot:left"]},
     [], ["neuro.leg_pain_walking_eased_by_sitting"]),
    ({"age": 62, "pain.regions": ["foot:left"]},
     ["neuro.leg_pain_walking_eased_by_sitting",
      "neuro.leg_pain_walking_eased_by_standing_still"], []),
    ({"age": 30, "pain.regions": ["foot:left"], "pain.worse_with": ["walking"]},
     ["neuro.leg_pain_walking_eased_by_sitting"], []),
]  # fmt: skip


@pytest.mark.parametrize(("answers", "asked", "not_asked"), FOLLOW_UPS)
def test_follow_ups_are_asked_only_where_they_matter(
    answers: dict[str, Any], asked: list[str], not_asked: list[str]
) -> None:
    shown = shown_ids(answers)
    assert set(asked) <= shown
    assert not set(not_asked) & shown


def test_answers_behind_a_closed_branch_stay_out_of_the_case_but_are_kept() -> None:
    answers: dict[str, Any] = {
        "pain.regions": ["lower_back:central", "buttock:left"],
        "neuro.leg_numbness": "left",
        "neuro.leg_weakness": "left",
        "neuro.foot_drop": True,
    }
    assert answers_to_case(answers).neuro.foot_drop is True
    answers["pain.regions"] = ["lower_back:central"]
    case = answers_to_case(answers)
    assert case.neuro.leg_numbness is None
    assert case.neuro.foot_drop is None
    assert answers["neuro.foot_drop"] is True  # kept in case the runner changes their mind
    assert "neuro.foot_drop" not in active_answers(answers)


def test_step_navigation_skips_hidden_steps_and_counts_shown_ones() -> None:
    ids = [s.id for s in steps()]
    young_man = {"age": 30, "sex": "male", "pain.regions": ["lower_back:central"]}
    assert [s.id for s in visible_steps(young_man)] == [
        "about_you", "where", "red_flags", "feel", "history", "running",
    ]  # fmt: skip
    after_feel = next_step_index(ids.index("feel"), young_man)
    assert after_feel == ids.index("history")
    assert previous_step_index(ids.index("history"), young_man) == ids.index("feel")
    assert previous_step_index(0, young_man) is None
    assert next_step_index(None, young_man) == 0
    assert next_step_index(len(ids) - 1, young_man) is None
    assert progress(ids.index("red_flags"), young_man) == (3, 6)


def test_a_saved_case_round_trips_through_answers() -> None:
    case = answers_to_case(
        {"age": 58, "sex": "female", "pain.regions": ["lower_back:both", "hip:left"]}
    )
    assert answers_to_case(case_to_answers(case)) == case


# --- The terminal interview -------------------------------------------------------------------


class Script:
    """Plays a runner: answers each question by its id, read off the transcript.

    An answer may be a list, used one item per time the question is asked. Questions the
    script does not mention get "skip" (not sure); the offer to see an urgent result now gets
    `offer`.
    """

    def __init__(self, answers: Mapping[str, str | list[str]], offer: str = "") -> None:
        self.out = io.StringIO()
        self.console = Console(file=self.out, width=400, highlight=False, color_system=None)
        self.pending = {k: [v] if isinstance(v, str) else list(v) for k, v in answers.items()}
        self.offer = offer
        self.asked: list[str] = []
        self._prompts = {q.prompt: q.id for s in steps() for q in s.questions}

    def __call__(self, prompt: str) -> str:
        if prompt.startswith("Press Enter"):
            self.asked.append("offer")
            return self.offer
        assert len(self.asked) < 400, "the interview does not end"
        field = self._current()
        self.asked.append(field)
        queue = self.pending.get(field)
        return queue.pop(0) if queue else "skip"

    def _current(self) -> str:
        text = self.out.getvalue()
        found = max(self._prompts, key=lambda p: text.rfind(f"\n{p}\n"))
        return self._prompts[found]

    def run(self) -> Case | None:
        from backstride.cli.interview import run_interview

        return run_interview(self.console, self)

    @property
    def transcript(self) -> str:
        return self.out.getvalue()


def scripted(lines: list[str]) -> tuple[Console, Any]:
    """A console and an input function that types `lines`, then hits end of input."""
    out = io.StringIO()
    feed = iter(lines)

    def read(prompt: str) -> str:
        try:
            return next(feed)
        except StopIteration:
            raise EOFError from None

    return Console(file=out, width=400, color_system=None), read


SELF_CARE = {
    "age": "30", "sex": "male", "height_cm": "180", "weight_kg": "75",
    "pain.regions": "lower_back",
    **{q.id: "no" for q in SCREEN.questions},
    "pain.character": "aching", "pain.constant": "no", "pain.intensity_now": "3",
    "pain.intensity_worst": "4", "pain.onset": "gradual", "pain.onset_trigger": "after run",
    "pain.duration_days": "4", "pain.when": "after_run", "pain.worse_with": "bending forward",
    "pain.better_with": "movement", "pain.morning_stiffness_minutes": "10",
    "pain.wakes_at_night": "no", "pain.tender_spot": "yes", "pain.bony_tenderness": "no",
    "pain.muscle_spasm": "no", "pain.swelling": "no", "pain.bruising_over_spine": "no",
    "history.previous_episodes": "0", "history.diagnosed": "none",
    "history.previous_stress_fracture": "no", "history.treatments_tried": "rest",
    "history.trend": "better",
    "running.years_running": "5", "running.weekly_km": "30", "running.weekly_km_before": "28",
    "running.long_run_km": "12", "running.longest_run_prev_30d_km": "12",
    "running.shoe_km": "300", "running.sitting_hours_per_day": "6",
    "running.strength_sessions_per_week": "2", "running.recent_changes": "none",
    "running.shoes": "running", "running.surface": "asphalt, trail", "running.warms_up": "yes",
    "running.stretches_after": "yes", "running.core_training": "yes",
    "running.upper_back_training": "no", "general.hot_day_low_fluids": "no",
}  # fmt: skip


def test_a_full_interview_for_a_self_care_case() -> None:
    script = Script(SELF_CARE)
    case = script.run()
    assert case is not None
    assert case.age == 30
    assert flatten(case)["pain.regions"] == ["lower_back:central"]
    assert case.neuro.saddle_numbness is False
    assert case.pain.onset_trigger is not None
    assert case.pain.onset_trigger.value == "after_run"
    assert flatten(case)["running.surface"] == ["asphalt", "trail"]
    assert case.running.recent_changes == []
    assert case.running.cadence_spm is None  # skipped: not sure
    assert case.history.imaging_normal is None
    # Nothing about legs, women's health or the extra safety step was asked.
    assert not any(f.startswith("neuro.") and f not in SELF_CARE for f in script.asked)
    assert "general.menstrual_irregularity" not in script.asked
    assert "offer" not in script.asked
    assert "Step 3 of 6: Safety check" in script.transcript
    assert "Step 6 of 6: Your running" in script.transcript
    assert assess(case).triage.level is Level.self_care


CAUDA_EQUINA = {
    "age": "42", "sex": "male",
    "pain.regions": "lower_back:central, buttock:both, below_knee:left",
    **{q.id: "no" for q in SCREEN.questions},
    "neuro.saddle_numbness": "yes", "neuro.urinary_retention": "yes",
}  # fmt: skip


def test_a_cauda_equina_interview_offers_the_result_straight_after_the_safety_check() -> None:
    script = Script(CAUDA_EQUINA, offer="")
    case = script.run()
    assert case is not None
    assert script.asked[-1] == "offer"
    assert case.neuro.saddle_numbness is True
    assert case.neuro.urinary_retention is True
    assert case.neuro.bowel_incontinence is False
    assert flatten(case)["pain.regions"] == [
        "lower_back:central",
        "buttock:both",
        "below_knee:left",
    ]
    assert case.pain.character is None  # not asked yet
    assert "needs urgent care" in script.transcript
    assert assess(case).triage.level in (Level.emergency, Level.emergency_ambulance)


def test_a_cauda_equina_runner_may_keep_answering_and_is_asked_about_the_legs() -> None:
    script = Script(
        {**CAUDA_EQUINA, "neuro.leg_numbness": "both", "neuro.leg_weakness": "left"},
        offer="more",
    )
    case = script.run()
    assert case is not None
    assert script.asked.count("offer") == 1  # offered once, not after every step
    assert case.neuro.leg_numbness is not None
    assert case.neuro.leg_numbness.value == "both"
    assert "neuro.foot_drop" in script.asked
    assert "running.weekly_km" in script.asked


def test_back_returns_to_the_previous_step_and_keeps_the_answers() -> None:
    script = Script(
        {
            "age": ["30", ""],
            "sex": ["male", "2"],
            "height_cm": ["180", "skip"],
            "weight_kg": ["75", ""],
            "pain.regions": ["lower_back", "back", ""],
            "neuro.saddle_numbness": ["back", "no"],
        }
    )
    case = script.run()
    assert case is not None
    assert script.asked[:10] == [
        "age", "sex", "height_cm", "weight_kg", "pain.regions", "neuro.saddle_numbness",
        "pain.regions", "age", "sex", "height_cm",
    ]  # fmt: skip
    assert "Enter keeps: Lower back (in the middle)" in script.transcript
    assert "Enter keeps: 30 years" in script.transcript
    assert case.age == 30
    assert case.sex == "male"
    assert case.height_cm is None  # changed to "not sure" on the second pass
    assert case.weight_kg == 75
    assert flatten(case)["pain.regions"] == ["lower_back:central"]
    assert case.neuro.saddle_numbness is False


def test_back_on_the_first_step_starts_it_again() -> None:
    script = Script({"age": ["back", "33"]})
    case = script.run()
    assert case is not None
    assert case.age == 33
    assert "This is the first step" in script.transcript


def test_a_red_flag_question_is_not_skipped_by_a_bare_enter() -> None:
    script = Script({"neuro.saddle_numbness": ["", "not sure"]})
    case = script.run()
    assert case is not None
    assert case.neuro.saddle_numbness is None
    assert script.asked.count("neuro.saddle_numbness") == 2
    assert "please answer yes, no or not sure" in script.transcript


def test_a_bad_answer_is_explained_and_asked_again() -> None:
    script = Script({"age": ["abc", "140", "30"]})
    case = script.run()
    assert case is not None
    assert case.age == 30
    assert "Sorry, 'abc' is not allowed; expected a whole number from 10 to 100" in (
        script.transcript
    )


@pytest.mark.parametrize("lines", [["30", "quit"], ["30", "male", "q"], ["30"]])
def test_quit_or_end_of_input_stops_cleanly(lines: list[str]) -> None:
    from backstride.cli.interview import run_interview

    console, read = scripted(lines)
    assert run_interview(console, read) is None
    assert "Stopped." in console.file.getvalue()  # type: ignore[attr-defined]


def test_ctrl_c_stops_cleanly() -> None:
    from backstride.cli.interview import run_interview

    def interrupt(prompt: str) -> str:
        raise KeyboardInterrupt

    console, _ = scripted([])
    assert run_interview(console, interrupt) is None
    assert "Stopped." in console.file.getvalue()  # type: ignore[attr-defined]


# --- Through the command line -----------------------------------------------------------------

# A runner who skips everything but answers the safety check: 4 about-you questions and the
# body map skipped, 13 "no", then Enter to every remaining question.
PIPED = "\n" * 5 + "no\n" * len(SCREEN.questions) + "\n" * 80


@pytest.fixture
def app() -> typer.Typer:
    import backstride.cli.assess  # noqa: F401  (registers `assess`, as `backstride assess` does)
    from backstride.cli import app

    return app


def test_backstride_assess_runs_the_interview_from_standard_input(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["assess", "--format", "json"], input=PIPED)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)  # the prompts went to stderr
    assert report["triage"]["level"] in {level.value for level in Level}
    assert "Step 3 of 6: Safety check" in result.stderr


def test_backstride_assess_exits_130_when_the_runner_quits(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["assess"], input="30\nquit\n")
    assert result.exit_code == 130
    assert result.stdout == ""
    assert "Stopped." in result.stderr


def test_piping_answers_into_backstride_assess_prints_a_report() -> None:
    exe = Path(sys.executable).with_name("backstride")
    if not exe.exists():
        pytest.skip("the backstride script is not installed in this environment")
    done = subprocess.run(
        [str(exe), "assess"], input=PIPED, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout.strip()
