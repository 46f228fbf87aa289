"""The guided interview as data: steps, questions and when to ask them.

One definition feeds every front end. The terminal (`backstride.cli.interview`) and the web
wizard walk the same steps, show the same wording and branch the same way; neither holds any
clinical logic of its own. This module does no I/O.

Answers are a flat mapping from a case field path (``"neuro.saddle_numbness"``) to its value,
in the same shape as `backstride.contract.case.flatten` produces: booleans, numbers, enum values
as strings, lists of strings, and pain regions as ``"region:side"`` strings. A field that is
not in the mapping was not answered, and stays absent from the case: absent means unknown.

Branching is written in the knowledge base's rule language (`backstride.kb.rules`), e.g.
``ask_if="age >= 50 and pain.regions has_any [lower_back, abdomen, flank]"``. A rule only reads
answers to questions that come before it, so going back and changing an answer hides or shows
the questions after it; answers to questions that end up hidden are kept (the runner may change
their mind again) but are left out of the case.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Literal

from backstride.contract.case import Case, Region, Side, flatten
from backstride.contract.fields import case_fields
from backstride.contract.validate import parse_case
from backstride.errors import UserError
from backstride.kb.rules import Rule, compile_rule

Answers = Mapping[str, object]
Kind = Literal["yes_no", "choice", "multi_choice", "number", "regions"]

# Words that mean "I don't know": the field is left out of the case.
NOT_SURE_WORDS = frozenset(
    {"not sure", "notsure", "unsure", "don't know", "dont know", "?", "skip", "n/a", "unknown"}
)
# Words that mean "none of these" for a multiple-choice question (an empty list, not unknown).
NONE_WORDS = frozenset({"none", "0", "nothing", "none of these", "no"})
_YES = frozenset({"y", "yes", "true"})
_NO = frozenset({"n", "no", "false"})


@dataclass(frozen=True)
class Choice:
    """One allowed value with the words a runner sees."""

    value: str
    label: str


@dataclass(frozen=True)
class BodyRegion:
    """An area of the body map, the sides it can be marked on and the view it is drawn in."""

    region: str
    label: str
    sides: tuple[str, ...]
    view: Literal["back", "front"]


_MIDLINE = ("central", "left", "right", "both")
_PAIRED = ("left", "right", "both")

# The body map, in the order a runner would scan it: back view top to bottom, then front.
BODY_MAP: tuple[BodyRegion, ...] = (
    BodyRegion("neck", "Neck", _MIDLINE, "back"),
    BodyRegion("upper_back", "Upper back", _MIDLINE, "back"),
    BodyRegion("between_shoulder_blades", "Between the shoulder blades", _MIDLINE, "back"),
    BodyRegion("lower_back", "Lower back", _MIDLINE, "back"),
    BodyRegion("flank", "Side of the body, just below the ribs (flank)", _PAIRED, "back"),
    BodyRegion("buttock", "Buttock", _PAIRED, "back"),
    BodyRegion("hip", "Outside of the hip", _PAIRED, "back"),
    BodyRegion("thigh_back", "Back of the thigh", _PAIRED, "back"),
    BodyRegion("below_knee", "Below the knee (calf or shin)", _PAIRED, "back"),
    BodyRegion("foot", "Foot", _PAIRED, "back"),
    BodyRegion("chest", "Chest", _MIDLINE, "front"),
    BodyRegion("abdomen", "Belly (abdomen)", _MIDLINE, "front"),
    BodyRegion("groin", "Groin", _PAIRED, "front"),
    BodyRegion("thigh_front", "Front of the thigh", _PAIRED, "front"),
)

SIDE_LABELS: dict[str, str] = {
    "central": "in the middle",
    "left": "left side",
    "right": "right side",
    "both": "both sides",
}


@dataclass(frozen=True)
class Question:
    """One question; its id is the case field it fills.

    `red_flag` questions screen for serious problems: they are never skipped with a bare Enter,
    but "not sure" is always an allowed answer. `ask_if` is a rule over earlier answers; without
    one the question is asked whenever its step is.
    """

    id: str
    prompt: str
    kind: Kind
    help: str = ""
    choices: tuple[Choice, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    unit: str = ""
    red_flag: bool = False
    ask_if: str | None = None

    def choice_label(self, value: str) -> str:
        for choice in self.choices:
            if choice.value == value:
                return choice.label
        return value


@dataclass(frozen=True)
class Step:
    """A group of questions shown together (one page of the web wizard)."""

    id: str
    title: str
    questions: tuple[Question, ...]
    intro: str = ""
    ask_if: str | None = None


# --- Building blocks ----------------------------------------------------------------------------


def _yes_no(
    field: str, prompt: str, help: str = "", *, red_flag: bool = False, ask_if: str | None = None
) -> Question:
    return Question(field, prompt, "yes_no", help, red_flag=red_flag, ask_if=ask_if)


def _flag(field: str, prompt: str, help: str = "", *, ask_if: str | None = None) -> Question:
    return _yes_no(field, prompt, help, red_flag=True, ask_if=ask_if)


def _number(
    field: str,
    prompt: str,
    help: str = "",
    *,
    unit: str = "",
    ask_if: str | None = None,
) -> Question:
    """A number question whose limits and whole-number rule come from the contract."""
    spec = case_fields()[field]
    return Question(
        field,
        prompt,
        "number",
        help,
        minimum=spec.minimum,
        maximum=spec.maximum,
        integer=spec.kind == "integer",
        unit=unit,
        ask_if=ask_if,
    )


def _choice(
    field: str,
    prompt: str,
    labels: Mapping[str, str],
    help: str = "",
    *,
    many: bool = False,
    ask_if: str | None = None,
) -> Question:
    choices = tuple(Choice(value, label) for value, label in labels.items())
    kind: Kind = "multi_choice" if many else "choice"
    return Question(field, prompt, kind, help, choices=choices, ask_if=ask_if)


_LEG_SIDES = {"none": "No", "left": "Left leg", "right": "Right leg", "both": "Both legs"}

# Pain reaching the buttock, thigh, lower leg, foot or groin, or pain that behaves like a nerve.
LEG_SYMPTOMS = (
    "pain.regions has_any [buttock, thigh_back, thigh_front, below_knee, foot, groin]"
    " or pain.character has_any [shooting, tingling, burning]"
)
UPPER_BODY = "pain.regions has_any [between_shoulder_blades, upper_back, chest, neck]"
_FRACTURE_RISK = (
    "pain.onset_trigger in [minor_fall, blow_to_back, major_trauma, lifting] or age >= 50"
)
_INFECTION_RISK = (
    "general.fever or general.chills or general.feeling_very_unwell"
    " or pain.constant and pain.wakes_at_night"
    " or pain.constant and pain.when has at_night"
)
_WALKING_LEG_PAIN = "age >= 50 or pain.when has walking or pain.worse_with has walking"
_INFLAMMATORY = "pain.morning_stiffness_minutes >= 30 or pain.duration_days >= 90"


# --- The interview ------------------------------------------------------------------------------


@cache
def steps() -> tuple[Step, ...]:
    """Every step of the interview, in the order it is asked."""
    return (
        Step(
            "about_you",
            "About you",
            (
                _number("age", "How old are you?", unit="years"),
                _choice(
                    "sex",
                    "What is your sex?",
                    {"female": "Female", "male": "Male", "other": "Other"},
                    "A few causes of back pain are more common in one sex, so this changes "
                    "which questions come next.",
                ),
                _number("height_cm", "How tall are you?", unit="cm"),
                _number("weight_kg", "How much do you weigh?", unit="kg"),
            ),
            intro="A few basics first. Any question except the safety check can be skipped.",
        ),
        Step(
            "where",
            "Where it hurts",
            (
                Question(
                    "pain.regions",
                    "Where do you feel the pain?",
                    "regions",
                    "Mark every area, with its side, even where it is milder. Pain that spreads "
                    "into the buttock or leg matters.",
                ),
            ),
        ),
        Step(
            "red_flags",
            "Safety check",
            (
                _flag(
                    "neuro.saddle_numbness",
                    "Is there numbness or a pins-and-needles feeling around your bottom, "
                    "genitals or inner thighs (where you would sit on a saddle)?",
                ),
                _flag(
                    "neuro.urinary_retention",
                    "Have you had new trouble passing urine, or stopped feeling when your "
                    "bladder is full?",
                ),
                _flag(
                    "neuro.urinary_incontinence",
                    "Have you started leaking urine without meaning to?",
                    "Only count this if it is new since the back pain began.",
                ),
                _flag(
                    "neuro.bowel_incontinence",
                    "Have you lost control of your bowels, or stopped feeling when you need to go?",
                ),
                _flag("general.fever", "Do you have a fever (38 °C or more) or feel feverish?"),
                _flag("general.chills", "Have you had chills or shivering fits?"),
                _flag(
                    "general.feeling_very_unwell",
                    "Do you feel very unwell in yourself, beyond the pain?",
                ),
                _flag("general.history_of_cancer", "Have you ever had cancer?"),
                _flag(
                    "general.unexplained_weight_loss",
                    "Have you lost weight recently without trying to?",
                ),
                _flag(
                    "general.chest_pain", "Do you have pain, pressure or tightness in your chest?"
                ),
                _flag(
                    "general.shortness_of_breath",
                    "Are you more out of breath than usual, at rest or with light effort?",
                ),
                _flag(
                    "general.sweating_or_nausea",
                    "Along with the pain, have you had cold sweats or felt sick?",
                ),
                _flag(
                    "general.dark_urine",
                    "Since a hard run or workout, has your urine been dark, like cola or strong "
                    "tea?",
                ),
            ),
            intro=(
                "These questions look for rare but serious problems that need a doctor quickly. "
                "Please answer each one; 'not sure' is a fine answer."
            ),
        ),
        Step(
            "feel",
            "What the pain is like",
            (
                _choice(
                    "pain.character",
                    "Which words describe the pain?",
                    {
                        "aching": "Dull ache",
                        "sharp": "Sharp",
                        "stabbing": "Stabbing",
                        "shooting": "Shooting, like an electric line (for example down a leg)",
                        "burning": "Burning",
                        "tingling": "Tingling or pins and needles",
                        "cramping": "Cramping",
                        "stiffness": "Stiff",
                        "tearing": "Tearing or ripping",
                        "throbbing": "Throbbing",
                    },
                    many=True,
                ),
                _yes_no(
                    "pain.constant", "Is the pain there all the time, rather than coming and going?"
                ),
                _number(
                    "pain.intensity_now",
                    "How bad is the pain right now?",
                    "0 means no pain, 10 the worst pain you can imagine.",
                    unit="out of 10",
                ),
                _number(
                    "pain.intensity_worst",
                    "How bad has it been at its worst?",
                    "0 means no pain, 10 the worst pain you can imagine.",
                    unit="out of 10",
                ),
                _choice(
                    "pain.onset",
                    "How did it start?",
                    {
                        "sudden": "Suddenly, at a moment I can point to",
                        "gradual": "Gradually, over hours or days",
                    },
                ),
                _choice(
                    "pain.onset_trigger",
                    "What set it off?",
                    {
                        "during_run": "It started during a run",
                        "after_run": "It started after a run",
                        "lifting": "Lifting something",
                        "twisting": "A twisting movement",
                        "minor_fall": "A small fall or slip, for example from standing",
                        "blow_to_back": "A knock or blow to the back",
                        "major_trauma": "A serious accident: a fall from a height, or a car or "
                        "bike crash",
                        "on_waking": "I woke up with it",
                        "none": "Nothing I can think of",
                    },
                ),
                _number(
                    "pain.duration_days",
                    "How many days ago did it start?",
                    "A rough figure is fine: a week is 7, a month about 30.",
                    unit="days",
                ),
                _choice(
                    "pain.when",
                    "When do you feel it?",
                    {
                        "during_run": "While running",
                        "after_run": "After running",
                        "at_rest": "When resting",
                        "at_night": "At night",
                        "on_waking": "When I wake up",
                        "sitting": "When sitting",
                        "standing": "When standing",
                        "walking": "When walking",
                    },
                    many=True,
                ),
                _choice(
                    "pain.worse_with",
                    "What makes it worse?",
                    {
                        "bending_forward": "Bending forward",
                        "leaning_back": "Leaning backwards",
                        "twisting": "Twisting",
                        "sitting": "Sitting",
                        "standing": "Standing",
                        "walking": "Walking",
                        "running": "Running",
                        "coughing_sneezing": "Coughing or sneezing",
                        "lying_down": "Lying down",
                        "deep_breath": "Taking a deep breath",
                        "exertion": "Any effort, such as climbing stairs, whatever the movement",
                        "putting_on_shoes": "Putting on shoes or socks",
                        "hopping_or_single_leg_stance": "Hopping or standing on one leg",
                    },
                    many=True,
                ),
                _choice(
                    "pain.better_with",
                    "What makes it better?",
                    {
                        "rest": "Rest",
                        "movement": "Moving about",
                        "sitting_or_bending_forward": "Sitting down or bending forward",
                        "lying_down": "Lying down",
                        "heat": "Heat",
                        "ice": "Ice or cold",
                        "painkillers": "Painkillers",
                    },
                    many=True,
                ),
                _number(
                    "pain.morning_stiffness_minutes",
                    "When you get up in the morning, for how many minutes is your back stiff?",
                    "0 if it is not stiff.",
                    unit="minutes",
                ),
                _yes_no("pain.wakes_at_night", "Does the pain wake you up at night?"),
                _yes_no(
                    "pain.tender_spot",
                    "Is there a tender knot in a muscle that hurts when you press on it?",
                ),
                _yes_no(
                    "pain.bony_tenderness",
                    "Does it hurt to press on the bones of your spine, the bumps down the middle "
                    "of your back?",
                ),
                _yes_no(
                    "pain.muscle_spasm", "Do the muscles of your back feel locked or in spasm?"
                ),
                _yes_no("pain.swelling", "Is there any swelling where it hurts?"),
                _yes_no("pain.bruising_over_spine", "Is there a bruise or graze over your spine?"),
            ),
        ),
        Step(
            "more_safety",
            "A few more safety questions",
            (
                _flag(
                    "general.pain_with_exertion_not_movement",
                    "Does the pain come on with effort, like climbing stairs or running uphill, "
                    "and ease when you rest, whichever way you move your back?",
                    ask_if=f"{UPPER_BODY} or age >= 40",
                ),
                _flag(
                    "general.fainting_or_dizziness",
                    "Have you fainted, nearly fainted or felt very dizzy with this pain?",
                    ask_if=f"{UPPER_BODY} or age >= 40",
                ),
                _flag(
                    "general.pulsatile_abdominal_mass",
                    "Have you noticed a lump in your belly that pulses with your heartbeat?",
                    ask_if="age >= 50 and pain.regions has_any [lower_back, abdomen, flank]",
                ),
                _flag(
                    "general.known_aortic_aneurysm",
                    "Has a doctor ever told you that you have an aortic aneurysm (a widened "
                    "main artery)?",
                    ask_if="age >= 50 and pain.regions has_any [lower_back, abdomen, flank]",
                ),
                _flag(
                    "general.osteoporosis",
                    "Have you been told that you have thin or weak bones (osteoporosis)?",
                    ask_if=_FRACTURE_RISK,
                ),
                _flag(
                    "general.long_term_steroids",
                    "Have you taken steroid tablets, such as prednisolone, for more than three "
                    "months?",
                    ask_if=_FRACTURE_RISK,
                ),
                _flag(
                    "general.iv_drug_use",
                    "Do you inject drugs, now or in recent months?",
                    "This is asked only because it changes the risk of infection.",
                    ask_if=_INFECTION_RISK,
                ),
                _flag(
                    "general.immunosuppressed",
                    "Is your immune system weakened, by an illness or by medicines such as "
                    "chemotherapy or anti-rejection drugs?",
                    ask_if=_INFECTION_RISK,
                ),
                _flag(
                    "general.recent_infection_or_spinal_procedure",
                    "In the last few months, have you had a serious infection, or an injection "
                    "or operation on your spine?",
                    ask_if=_INFECTION_RISK,
                ),
                _flag(
                    "general.night_sweats",
                    "Do you wake up drenched in sweat?",
                    ask_if=_INFECTION_RISK,
                ),
                _flag(
                    "general.urinary_symptoms",
                    "Does it burn when you pass urine, do you need to go much more often, or "
                    "have you seen blood in your urine?",
                    ask_if="pain.regions has flank or general.fever or general.chills",
                ),
            ),
            intro="Because of what you have told us, a few more questions to rule things out.",
        ),
        Step(
            "legs",
            "Legs and nerves",
            (
                _choice("neuro.leg_numbness", "Is part of a leg or foot numb?", _LEG_SIDES),
                _choice(
                    "neuro.leg_tingling",
                    "Do you have tingling or pins and needles in a leg or foot?",
                    _LEG_SIDES,
                ),
                _choice(
                    "neuro.leg_weakness",
                    "Is a leg weak, for example it gives way, or you cannot stand on your toes "
                    "or heels on that side?",
                    _LEG_SIDES,
                ),
                _flag(
                    "neuro.weakness_progressing",
                    "Is the weakness getting worse?",
                    ask_if="neuro.leg_weakness in [left, right, both]",
                ),
                _flag(
                    "neuro.foot_drop",
                    "Does a foot slap down or catch on the ground when you walk, because you "
                    "cannot lift the front of it?",
                    ask_if="neuro.leg_weakness in [left, right, both]",
                ),
                _flag(
                    "neuro.new_sexual_dysfunction",
                    "Since the pain began, have you had new numbness of the genitals or "
                    "problems with sexual function?",
                ),
                _flag(
                    "neuro.unsteady_walking",
                    "Do your legs feel unsteady or clumsy, so that you stumble or lose your "
                    "balance? (Limping because it hurts does not count.)",
                ),
                _yes_no(
                    "neuro.leg_pain_walking_eased_by_sitting",
                    "If walking brings on leg pain, does it ease when you sit down or bend "
                    "forward?",
                    ask_if=_WALKING_LEG_PAIN,
                ),
                _yes_no(
                    "neuro.leg_pain_walking_eased_by_standing_still",
                    "If walking brings on leg pain, does it ease when you just stand still?",
                    ask_if=_WALKING_LEG_PAIN,
                ),
            ),
            intro="Your pain reaches your leg or feels like a nerve, so a few questions on that.",
            ask_if=LEG_SYMPTOMS,
        ),
        Step(
            "history",
            "Your back's history",
            (
                _number(
                    "history.previous_episodes",
                    "How many times before have you had an episode of back pain like this?",
                    "0 if this is the first time.",
                ),
                _choice(
                    "history.diagnosed",
                    "Has a doctor or physiotherapist ever diagnosed any of these?",
                    {
                        "disc_herniation": "Slipped (herniated) disc",
                        "spinal_stenosis": "Narrowing of the spinal canal (spinal stenosis)",
                        "scoliosis": "Curved spine (scoliosis)",
                        "flat_feet": "Flat feet",
                        "osteoarthritis": "Arthritis of the spine or hips (osteoarthritis)",
                        "spondylolisthesis": "A vertebra slipped forward (spondylolisthesis)",
                        "leg_length_difference": "One leg longer than the other",
                        "osteoporosis": "Thin bones (osteoporosis)",
                        "axial_spondyloarthritis": "Axial spondyloarthritis or ankylosing "
                        "spondylitis",
                    },
                    many=True,
                ),
                _yes_no(
                    "history.imaging_normal",
                    "If you have had a scan or X-ray for this pain, was it normal?",
                    "Skip this if you have not had one.",
                ),
                _yes_no(
                    "history.previous_stress_fracture",
                    "Have you ever had a stress fracture, anywhere in the body?",
                ),
                _choice(
                    "history.treatments_tried",
                    "What have you tried for this pain so far?",
                    {
                        "rest": "Rest",
                        "ice": "Ice",
                        "heat": "Heat",
                        "stretching": "Stretching",
                        "strengthening": "Strengthening exercises",
                        "nsaids": "Anti-inflammatory painkillers (ibuprofen, naproxen)",
                        "paracetamol": "Paracetamol",
                        "physiotherapy": "Physiotherapy",
                        "massage": "Massage",
                        "manual_therapy": "Manipulation (osteopath, chiropractor)",
                    },
                    many=True,
                ),
                _choice(
                    "history.trend",
                    "Over the last few days, is it getting better or worse?",
                    {
                        "better": "Getting better",
                        "same": "About the same",
                        "worse": "Getting worse",
                    },
                ),
                _yes_no(
                    "general.psoriasis_ibd_or_uveitis",
                    "Have you had psoriasis, Crohn's disease or ulcerative colitis, or a painful "
                    "red eye diagnosed as uveitis?",
                    ask_if=_INFLAMMATORY,
                ),
                _yes_no(
                    "general.family_history_spondyloarthritis",
                    "Does anyone in your close family have ankylosing spondylitis or "
                    "spondyloarthritis?",
                    ask_if=_INFLAMMATORY,
                ),
                _yes_no("general.smoker", "Do you smoke?", ask_if="age >= 50"),
                _yes_no(
                    "general.high_blood_pressure",
                    "Have you been told you have high blood pressure?",
                    ask_if="age >= 50",
                ),
            ),
        ),
        Step(
            "womens_health",
            "Women's health",
            (
                _yes_no(
                    "general.menstrual_irregularity",
                    "Have your periods become irregular or stopped, other than through "
                    "pregnancy, menopause or contraception?",
                ),
                _yes_no(
                    "general.restricted_eating",
                    "Do you sometimes eat less than your training needs, or cut back on food to "
                    "control your weight?",
                ),
                _number(
                    "general.months_since_childbirth",
                    "If you have given birth in the last two years, how many months ago?",
                    "Skip this if it does not apply.",
                    unit="months",
                ),
            ),
            intro="Low energy intake, missed periods and recent childbirth affect bone health.",
            ask_if="sex = female",
        ),
        Step(
            "running",
            "Your running",
            (
                _number("running.years_running", "How many years have you been running?"),
                _number(
                    "running.weekly_km", "How far do you run in a typical week now?", unit="km"
                ),
                _number(
                    "running.weekly_km_before",
                    "And how far in a typical week a month ago?",
                    unit="km",
                ),
                _number("running.long_run_km", "How long was your latest long run?", unit="km"),
                _number(
                    "running.longest_run_prev_30d_km",
                    "What was your longest run in the 30 days before that one?",
                    unit="km",
                ),
                _number(
                    "running.cadence_spm",
                    "What is your usual cadence?",
                    "Steps per minute, as shown by a watch. Skip it if you do not know.",
                    unit="steps per minute",
                ),
                _number(
                    "running.shoe_km",
                    "About how far have your current running shoes gone?",
                    unit="km",
                ),
                _number(
                    "running.sitting_hours_per_day",
                    "How many hours a day do you spend sitting?",
                    unit="hours",
                ),
                _number(
                    "running.strength_sessions_per_week",
                    "How many strength or gym sessions do you do in a week?",
                ),
                _choice(
                    "running.recent_changes",
                    "What has changed in your running in the last few weeks?",
                    {
                        "mileage_increase": "I run more kilometres",
                        "speed_work": "More speed work or intervals",
                        "hills": "More hills",
                        "new_shoes": "New shoes",
                        "new_surface": "A new surface",
                        "race": "I ran a race",
                        "returned_after_break": "I came back after a break",
                        "carrying_load": "I run carrying a load (backpack, buggy)",
                    },
                    many=True,
                ),
                _choice(
                    "running.shoes",
                    "What do you usually run in?",
                    {
                        "running": "Running shoes",
                        "walking_sneakers": "Walking shoes or everyday trainers",
                        "flat": "Flat shoes with little cushioning",
                        "toning": "Toning shoes with a curved rocker sole",
                        "cheap_imitation": "Cheap copies of running shoes",
                        "minimalist": "Minimalist or barefoot shoes",
                    },
                ),
                _choice(
                    "running.surface",
                    "What do you usually run on?",
                    {
                        "asphalt": "Asphalt road",
                        "concrete": "Concrete pavement",
                        "track": "Athletics track",
                        "treadmill": "Treadmill",
                        "trail": "Trails",
                        "grass": "Grass",
                        "sand": "Sand",
                    },
                    many=True,
                ),
                _yes_no("running.warms_up", "Do you warm up before you run?"),
                _yes_no("running.stretches_after", "Do you stretch after running?"),
                _yes_no("running.core_training", "Do you train your core (trunk) muscles?"),
                _yes_no(
                    "running.upper_back_training",
                    "Do you do exercises for your upper back and shoulders?",
                ),
                _yes_no(
                    "general.hot_day_low_fluids",
                    "Did the pain follow a run on a hot day when you drank little?",
                ),
            ),
        ),
    )


# --- Walking the interview ----------------------------------------------------------------------


@cache
def _rule(text: str) -> Rule:
    return compile_rule(text, case_fields())


def _holds(rule: str | None, answers: Answers) -> bool:
    return rule is None or _rule(rule)(dict(answers)) is not None


def question(field: str) -> Question:
    """The question that fills `field`."""
    for step in steps():
        for q in step.questions:
            if q.id == field:
                return q
    raise KeyError(field)


def _walk(answers: Answers) -> tuple[dict[str, object], set[str], set[str]]:
    """Active answers, shown step ids and shown question ids, in one ordered pass.

    A condition sees only answers to questions that are themselves shown, so a stale answer
    behind a hidden question cannot open another branch. A step none of whose questions is
    shown is skipped.
    """
    active: dict[str, object] = {}
    shown_steps: set[str] = set()
    shown: set[str] = set()
    for step in steps():
        if not _holds(step.ask_if, active):
            continue
        for q in step.questions:
            if not _holds(q.ask_if, active):
                continue
            shown.add(q.id)
            shown_steps.add(step.id)
            value = answers.get(q.id)
            if value is not None:
                active[q.id] = value
    return active, shown_steps, shown


def visible_steps(answers: Answers) -> list[Step]:
    """The steps that will be shown, given the answers so far."""
    _, shown_steps, _ = _walk(answers)
    return [s for s in steps() if s.id in shown_steps]


def is_step_visible(step: Step, answers: Answers) -> bool:
    return step.id in _walk(answers)[1]


def visible_questions(step: Step, answers: Answers) -> list[Question]:
    """The questions of `step` to ask, given the answers so far (empty if the step is hidden)."""
    _, shown_steps, shown = _walk(answers)
    if step.id not in shown_steps:
        return []
    return [q for q in step.questions if q.id in shown]


def next_step_index(current: int | None, answers: Answers) -> int | None:
    """The index in `steps()` of the next step to show after `current`; None when done.

    `current=None` gives the first step.
    """
    _, shown_steps, _ = _walk(answers)
    start = 0 if current is None else current + 1
    all_steps = steps()
    for index in range(start, len(all_steps)):
        if all_steps[index].id in shown_steps:
            return index
    return None


def previous_step_index(current: int, answers: Answers) -> int | None:
    """The index of the step shown before `current`; None at the first step."""
    _, shown_steps, _ = _walk(answers)
    all_steps = steps()
    for index in range(current - 1, -1, -1):
        if all_steps[index].id in shown_steps:
            return index
    return None


def progress(current: int, answers: Answers) -> tuple[int, int]:
    """(position, total) of step `current` among the steps shown, counting from 1."""
    shown = [s.id for s in visible_steps(answers)]
    step_id = steps()[current].id
    position = shown.index(step_id) + 1 if step_id in shown else len(shown)
    return position, len(shown)


def active_answers(answers: Answers) -> dict[str, object]:
    """The answers to questions that are still asked; the rest do not reach the case."""
    return _walk(answers)[0]


def case_to_answers(case: Case) -> dict[str, object]:
    """A saved case as answers, to start an interview from it (editing or reassessing)."""
    return flatten(case)


def answers_to_case(answers: Answers) -> Case:
    """Build and validate the case from the answers to questions still in play."""
    data: dict[str, object] = {}
    for field, value in active_answers(answers).items():
        if field == "pain.regions" and isinstance(value, list):
            value = [
                dict(zip(("region", "side"), str(v).split(":", 1), strict=True)) for v in value
            ]
        section, _, name = field.rpartition(".")
        if section:
            part = data.setdefault(section, {})
            assert isinstance(part, dict)
            part[name] = value
        else:
            data[name] = value
    return parse_case(data)


# --- Reading one answer -------------------------------------------------------------------------


def _clean(text: str) -> str:
    return " ".join(text.strip().lower().replace("’", "'").split())


def _key(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", _clean(text))


def allowed(q: Question) -> str:
    """What the question accepts, in words, for messages and hints."""
    if q.kind == "yes_no":
        return "yes, no or not sure"
    if q.kind == "number":
        noun = "a whole number" if q.integer else "a number"
        if q.minimum is not None and q.maximum is not None:
            noun += f" from {_num(q.minimum)} to {_num(q.maximum)}"
        elif q.minimum is not None:
            noun += f" of at least {_num(q.minimum)}"
        return noun + ", or not sure"
    if q.kind == "choice":
        return f"a number from 1 to {len(q.choices)} or one of " + _values(q) + ", or not sure"
    if q.kind == "multi_choice":
        return (
            f"numbers from 1 to {len(q.choices)} or values separated by commas ("
            + _values(q)
            + "), none, or not sure"
        )
    return (
        "areas with a side, such as lower_back:central, buttock:right; areas are "
        + ", ".join(b.region for b in BODY_MAP)
        + "; sides are "
        + ", ".join(SIDE_LABELS)
    )


def _values(q: Question) -> str:
    return ", ".join(c.value for c in q.choices)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _refuse(q: Question, raw: str, expected: str | None = None) -> UserError:
    shown = raw.strip() or "an empty answer"
    shown = f"'{shown[:40]}…'" if len(shown) > 40 else (f"'{shown}'" if raw.strip() else shown)
    return UserError(f"{q.id}: {shown} is not allowed; expected {expected or allowed(q)}")


def parse_answer(q: Question, raw: str) -> object | None:
    """Turn what a runner typed (or a web form sent) into the answer's value.

    Returns None for "not sure" (the field stays absent). Raises `UserError` with one line
    naming the question, the value given and what is allowed. An empty answer counts as "not
    sure", except for red-flag questions, which need an explicit answer.
    """
    text = _clean(raw)
    if not text:
        if q.red_flag:
            raise _refuse(q, raw)
        return None
    if text in NOT_SURE_WORDS:
        return None
    if q.kind == "yes_no":
        if text in _YES:
            return True
        if text in _NO:
            return False
        raise _refuse(q, raw)
    if q.kind == "number":
        return _parse_number(q, raw, text)
    if q.kind == "choice":
        value = _match_choice(q, text)
        if value is None:
            raise _refuse(q, raw)
        return value
    if q.kind == "multi_choice":
        return _parse_many(q, raw, text)
    return _parse_regions(q, raw, text)


# A number, optionally followed by its unit ("40 km", "7 days") or, for scores, "/10".
_NUMBER = re.compile(r"^(-?\d+(?:[.,]\d+)?)\s*(/\s*10|[a-z ]*)$")


def _parse_number(q: Question, raw: str, text: str) -> float | int:
    match = _NUMBER.match(text)
    if match is None:
        raise _refuse(q, raw)
    unit = match.group(2).replace(" ", "")
    unit_ok = not unit or (
        unit == "/10" if unit.startswith("/") else bool(q.unit) and unit in _unit_words(q)
    )
    if not unit_ok:
        raise _refuse(q, raw)
    value = float(match.group(1).replace(",", "."))
    too_low = q.minimum is not None and value < q.minimum
    too_high = q.maximum is not None and value > q.maximum
    if too_low or too_high:
        raise _refuse(q, raw)
    if q.integer:
        if not value.is_integer():
            raise _refuse(q, raw)
        return int(value)
    return value


def _unit_words(q: Question) -> set[str]:
    unit = q.unit.lower().replace(" ", "")
    words = {unit, unit.rstrip("s")}
    if unit == "outof10":
        words.add("/10")
    return words


def _match_choice(q: Question, text: str) -> str | None:
    if text.isdigit():
        number = int(text)
        return q.choices[number - 1].value if 1 <= number <= len(q.choices) else None
    key = _key(text)
    for choice in q.choices:
        if key in (choice.value, _key(choice.label)):
            return choice.value
    return None


def _parse_many(q: Question, raw: str, text: str) -> list[str]:
    if text in NONE_WORDS:
        return []
    values: list[str] = []
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        value = _match_choice(q, item)
        if value is None:
            raise _refuse(q, raw, f"{allowed(q)} ('{item}' is not one of them)")
        if value not in values:
            values.append(value)
    if not values:
        raise _refuse(q, raw)
    return values


_SIDE_WORDS = {
    "l": "left",
    "left": "left",
    "r": "right",
    "right": "right",
    "b": "both",
    "both": "both",
    "c": "central",
    "central": "central",
    "centre": "central",
    "center": "central",
    "middle": "central",
}


def _find_region(text: str) -> BodyRegion | None:
    if text.isdigit():
        number = int(text)
        return BODY_MAP[number - 1] if 1 <= number <= len(BODY_MAP) else None
    key = _key(text)
    for area in BODY_MAP:
        if key in (area.region, _key(area.label)):
            return area
    return None


def _parse_regions(q: Question, raw: str, text: str) -> list[str]:
    marked: list[str] = []
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        where, side_word = item, ""
        if ":" in item:
            where, _, side_word = (p.strip() for p in item.partition(":"))
        elif " " in item and item.rsplit(" ", 1)[1] in _SIDE_WORDS:
            where, side_word = item.rsplit(" ", 1)
        area = _find_region(where)
        if area is None:
            raise _refuse(q, raw, f"{allowed(q)} ('{where}' is not an area)")
        if not side_word:
            if "central" not in area.sides:
                sides = ", ".join(area.sides)
                raise _refuse(q, raw, f"a side for {area.region}: {sides}")
            side = "central"
        else:
            side = _SIDE_WORDS.get(side_word, "")
            if side not in area.sides:
                sides = ", ".join(area.sides)
                raise _refuse(q, raw, f"a side for {area.region}: {sides}")
        mark = f"{area.region}:{side}"
        if mark not in marked:
            marked.append(mark)
    if not marked:
        raise _refuse(q, raw)
    return marked


def describe_answer(q: Question, value: object) -> str:
    """An answer in the runner's words, for a summary or a default shown when going back."""
    if value is None:
        return "not sure"
    if q.kind == "yes_no":
        return "yes" if value else "no"
    if q.kind == "number":
        assert isinstance(value, int | float)
        return f"{_num(value)} {q.unit}".strip()
    if q.kind == "choice":
        return q.choice_label(str(value))
    assert isinstance(value, list)
    if not value:
        return "none"
    if q.kind == "multi_choice":
        return ", ".join(q.choice_label(str(v)) for v in value)
    labels = {a.region: a.label for a in BODY_MAP}
    parts = []
    for mark in value:
        region, _, side = str(mark).partition(":")
        parts.append(f"{labels.get(region, region)} ({SIDE_LABELS.get(side, side)})")
    return ", ".join(parts)


def check_definitions() -> list[str]:
    """Every problem with the definitions at once (used by the tests)."""
    problems: list[str] = []
    fields = case_fields()
    seen: set[str] = set()
    for step in steps():
        if step.ask_if is not None:
            problems += _check_rule(step.id, step.ask_if, seen)
        for q in step.questions:
            spec = fields.get(q.id)
            if spec is None:
                problems.append(f"{q.id}: not a case field")
                continue
            if q.id in seen:
                problems.append(f"{q.id}: asked twice")
            if q.ask_if is not None:
                problems += _check_rule(q.id, q.ask_if, seen)
            if q.kind in ("choice", "multi_choice"):
                missing = set(spec.choices) - {c.value for c in q.choices}
                extra = {c.value for c in q.choices} - set(spec.choices)
                if missing or extra:
                    problems.append(f"{q.id}: choices differ (missing {missing}, extra {extra})")
            seen.add(q.id)
    for area in BODY_MAP:
        if area.region not in Region.__members__ or not set(area.sides) <= set(Side.__members__):
            problems.append(f"body map: {area.region} is not a contract region or side")
    return problems


def _check_rule(owner: str, text: str, asked_before: set[str]) -> list[str]:
    try:
        rule = _rule(text)
    except ValueError as exc:
        return [f"{owner}: ask_if does not parse: {exc}"]
    later = sorted(rule.fields - asked_before)
    return [f"{owner}: ask_if reads {f}, which is not asked before it" for f in later]
